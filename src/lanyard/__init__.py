"""Lanyard: a school district's technology and social media policy, run as software."""

__version__ = "0.1.0"
