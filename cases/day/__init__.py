"""The consultant's day (/vandaag/, and a consultant's start page): what is due today and
this week, and nothing that slips."""
