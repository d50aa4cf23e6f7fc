"""Running the command line in-process, and reading back what it saved."""
import io

from kuaiji_desk import cli
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db


def run(*argv):
    """(exit status, stdout, stderr) of `kuaiji-desk ARGV`."""
    out, err = io.StringIO(), io.StringIO()
    code = cli.main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def load(db_path, unit, year):
    db = open_db(db_path)
    try:
        return repo.load_report(db, unit, year)
    finally:
        close_db(db)
