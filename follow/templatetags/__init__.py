"""Template tags of follow: `{% follow_button %}`."""
