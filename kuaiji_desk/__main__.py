import sys

from kuaiji_desk.cli import main

sys.exit(main())
