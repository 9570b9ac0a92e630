"""A stranger's Sphinx site: a university careers service embedding interviewtips."""

project = "Careers service"
extensions = ["interviewtips.sphinxext"]
interviewtips_packs = ["careers"]
nitpicky = True
