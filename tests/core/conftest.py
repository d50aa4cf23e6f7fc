"""Fixtures of the core tests."""
import copy

import pytest

from kuaiji_desk.core.sample import load_sample


@pytest.fixture(scope="session")
def reference_sample():
    """The reference report, read once: never change it, take ``sample``."""
    return load_sample()


@pytest.fixture
def sample(reference_sample):
    """A copy of the reference report of one's own (a module may define its own ``sample``)."""
    return copy.deepcopy(reference_sample)
