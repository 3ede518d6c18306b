"""The child process that decodes one upload (images/uploads.py):

    python -m images.child SOURCE SIZE FOLDER LIMITS_JSON [--no-renditions]

It limits its own address space first, sets up only the settings image
processing reads (no database, no apps), does the work into FOLDER and
prints one JSON object: the files it made, or ``{"error": {"message",
"code"}}`` with the Vietnamese message for the journalist. Any other ending
(killed, out of memory) is read by the parent as "too heavy"."""

import json
import resource
import sys
from pathlib import Path


def main(argv):
    source, size, folder, limits = argv[0], int(argv[1]), Path(argv[2]), json.loads(argv[3])
    make_renditions = "--no-renditions" not in argv
    memory = limits.pop("memory_mb") * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    from django.conf import settings

    settings.configure(USE_I18N=False, **limits)  # the messages are written in Vietnamese

    from django.core.exceptions import ValidationError

    from images.uploads import process_into

    try:
        with open(source, "rb") as handle:
            result = process_into(handle, size, folder, make_renditions)
    except ValidationError as error:
        result = {"error": {"message": str(error.messages[0]), "code": error.code or "invalid"}}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
