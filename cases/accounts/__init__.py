"""Who gets in: logging in, the second factor, lockout, single sign-on and the session's limits.

- `middleware.py`: the session's idle and absolute limits, `Cache-Control: no-store`
  on every logged-in response, and (with `REQUIRE_SECOND_FACTOR`) no page before the
  second factor.
- `views.py`, `forms.py`, `urls.py`: the login pages under `/inloggen/`.
- `audit.py`: the security log (`samenbeslissen.security`).
"""
