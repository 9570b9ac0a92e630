"""Northwind Traders' interview guidance: this package's folder is an interviewtips pack."""
