"""The learning-loop dashboard (/leerloop/): figures and server-side SVG charts on how lessons
spread, plus the agenda's progress questions.
"""
