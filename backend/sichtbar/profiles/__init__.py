"""Expert profiles and the skill taxonomy: what an employee knows, how well, and who may see it."""
