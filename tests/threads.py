"""Real threads for the tests of what happens at the same moment.

`run_at_once` starts one thread per action behind a barrier, so that they all
start together, each with its own database connection. The tests that use it
ask for the `shared_database` fixture (tests/conftest.py), which gives the
threads a database they can all open, on SQLite as on PostgreSQL.
"""

import threading

from django.db import connection


def run_at_once(actions) -> list:
    """Run each action in its own thread, all released together; return results or errors."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # returned to the test, which checks it
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def errors_of(results: list) -> list[str]:
    return [repr(result) for result in results if isinstance(result, Exception)]


def outcomes_of(actions, *, refused) -> list[str]:
    """Run the actions at once; "done" or "refused" (`refused`: an exception class or a
    tuple of them) for each, sorted. Other errors are raised."""
    outcomes = []
    for result in run_at_once(actions):
        if isinstance(result, refused):
            outcomes.append("refused")
        elif isinstance(result, Exception):
            raise result
        else:
            outcomes.append("done")
    return sorted(outcomes)
