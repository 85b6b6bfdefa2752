"""The acceptance receipt (受理回执): document, PDF and print dialog."""
