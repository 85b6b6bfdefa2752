"""The case intake form and the duplicate-complaint dialog."""
