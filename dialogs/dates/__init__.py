"""Dates as people write them: reading, writing back, deadlines and working days."""
