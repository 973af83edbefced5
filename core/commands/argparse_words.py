"""argparse's own words ("usage:", "options", "error:", its error messages) in the app's language.

Python's ``argparse`` looks its words up with ``gettext`` at the moment it prints them, through the
module's ``_`` and ``ngettext``, and ships no Chinese or Japanese. ``install`` points those two names at
the app's catalogs (``core.i18n``), so ``--help`` and a bad argument read in the chosen language. The
messages are listed here, exactly as Python 3.11's argparse writes them, so the catalog extractor finds
them; a message not listed (or changed by a later Python) stays English, never wrong.
"""

from __future__ import annotations

import argparse

from core.i18n import N_, _, ngettext

# What a user can see: the help's headings and the errors of a bad command line. argparse's messages for
# programming errors (a bad add_argument call) are left out: a user never meets them.
MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def install() -> None:
    """Make argparse print its words through the app's catalogs (the active language at print time)."""
    argparse._ = _  # type: ignore[attr-defined]  # argparse's module-level gettext alias
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
