"""Sanad (سند): the branch desk application of Libya's unified social registry."""

__version__ = "0.1.0"
