"""kuaiji_desk: 部门决算公开 — tables, self-evaluations and narrative from one data set."""
__version__ = "0.1.0"
