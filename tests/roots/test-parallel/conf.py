"""A Sphinx project for tests/test_sphinxext.py."""

extensions = ["interviewtips.sphinxext"]
