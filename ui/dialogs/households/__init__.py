"""Households: add and edit a household."""
