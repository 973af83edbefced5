"""User data: patients, screenings and their answers, letters issued, audit log, settings."""
