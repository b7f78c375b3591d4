"""moto for the motcua local stack, run by vn.motcua.local.Moto as a child process.

usage: python3 moto_server.py HOST PORT OUTBOX_FILE

PORT 0 binds a free port; the port bound is printed as "motcua-moto-port N" once moto serves.
(`python3 -m moto.server` cannot take port 0; werkzeug's own server, which this runs, can.)

- One request at a time (threaded=False). `python3 -m moto.server` serves each request on its
  own thread, and moto's transact_write_items takes no lock, so two racing transactions both
  pass their conditions and both write. Real DynamoDB isolates transactions; served serially,
  so does this.
- Dies with its parent, and only then: the JVM holds our stdin open and never writes to it. End of
  file means the JVM closed it (a stop) or is gone (even after kill -9), so no moto outlives the
  stack. SIGINT and SIGTERM are ignored: Ctrl-C in a terminal, or an init system's stop, reaches
  every process of the group at once, and moto must still answer while the stack writes its
  --data-dir snapshot. The stack sends SIGKILL if stdin's end is not enough.
- Backs a transaction up item by item. moto's TransactWriteItems deep-copies every table it
  touches, to put the copy back if the transaction is cancelled: each transaction then costs time
  in proportion to the whole table (150 ms at a few thousand dossiers). Here it keeps a copy of
  only the items the transaction names and puts those back, which is all a cancellation has to
  undo. (Stream records of a cancelled transaction's writes are not taken back; nothing local
  reads DynamoDB Streams.)
- Mirrors every e-mail moto's SES accepted and every SMS its SNS accepted into OUTBOX_FILE, one
  JSON object a line {channel, to, subject?, body, at}, before the answer to SendEmail or
  Publish leaves: a client that got its 200 finds the line already there.
"""
import datetime
import json
import logging
import os
import signal
import sys
import threading

try:
    from werkzeug.serving import make_server
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from moto.ses.models import ses_backends
    from moto.sns.models import sns_backends
    import moto.dynamodb.models as dynamodb_models
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table
except ImportError as e:
    print("moto is not installed for %s (%s): pip install 'moto[server]==5.2.1'" % (sys.executable, e),
          file=sys.stderr)
    sys.exit(3)

host, port, outbox = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def exit_with_parent():
    sys.stdin.buffer.read()
    os._exit(0)


threading.Thread(target=exit_with_parent, name="parent-watch", daemon=True).start()
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
logging.getLogger("werkzeug").setLevel(logging.ERROR)

class TablesNotCopied:
    """moto's `copy` inside its TransactWriteItems: deep-copies anything but a whole table."""

    def __init__(self, real):
        self.real = real

    def deepcopy(self, value, *args, **kwargs):
        if isinstance(value, Table):
            return value
        return self.real.deepcopy(value, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


moto_transact_write_items = dynamodb_models.DynamoDBBackend.transact_write_items
dynamodb_models.copy = TablesNotCopied(dynamodb_models.copy)


def transact_write_items(self, transact_items):
    backup = []
    for entry in transact_items:
        op = next(iter(entry.values()), {})
        try:
            table = self.get_table(op.get("TableName")) if isinstance(op, dict) else None  # a name or an ARN
        except Exception:
            table = None
        attrs = (op.get("Item") or op.get("Key") or {}) if table is not None else {}
        if table is None or table.hash_key_attr not in attrs:
            continue
        hash_key = DynamoType(attrs[table.hash_key_attr])
        range_key = None
        if table.range_key_attr is not None:
            if table.range_key_attr not in attrs:
                continue
            range_key = DynamoType(attrs[table.range_key_attr])
        backup.append((table, hash_key, range_key, dynamodb_models.copy.real.deepcopy(table.get_item(hash_key, range_key))))
    try:
        moto_transact_write_items(self, transact_items)
    except Exception:
        for table, hash_key, range_key, old in reversed(backup):
            if range_key is None:
                if old is None:
                    table.items.pop(hash_key, None)
                else:
                    table.items[hash_key] = old
            else:
                if old is None:
                    table.items.get(hash_key, {}).pop(range_key, None)
                    if hash_key in table.items and not table.items[hash_key]:
                        del table.items[hash_key]
                else:
                    table.items[hash_key][range_key] = old
        raise


dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items
app = DomainDispatcherApplication(create_backend_app)
mirrored_email = {}   # id(backend) -> how many of its sent_messages are in the outbox
mirrored_sms = {}     # id(backend) -> how many of its sms_messages are in the outbox


def backends(backend_dict):
    # dict's own views: moto's BackendDict creates a backend on lookup; these list only the
    # ones that exist.
    for per_account in dict.values(backend_dict):
        for backend in dict.values(per_account):
            yield backend


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def email_line(message):
    destinations = getattr(message, "destinations", None) or {}
    if isinstance(destinations, dict):
        to = [address for addresses in destinations.values() for address in addresses]
    else:  # a raw message lists its destinations
        to = list(destinations)
    return {"channel": "EMAIL", "to": ",".join(to), "subject": getattr(message, "subject", None),
            "body": getattr(message, "body", None) or getattr(message, "raw_data", ""), "at": now()}


def mirror():
    lines = []
    for backend in backends(ses_backends):
        sent = backend.sent_messages
        done = min(mirrored_email.get(id(backend), 0), len(sent))  # a reset empties the list
        mirrored_email[id(backend)] = len(sent)
        lines.extend(email_line(message) for message in sent[done:])
    for backend in backends(sns_backends):
        sms = list(backend.sms_messages.values())
        done = min(mirrored_sms.get(id(backend), 0), len(sms))
        mirrored_sms[id(backend)] = len(sms)
        lines.extend({"channel": "SMS", "to": phone, "body": body, "at": now()} for phone, body in sms[done:])
    if lines:
        with open(outbox, "a", encoding="utf-8") as f:
            for line in lines:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")


def application(environ, start_response):
    # moto has done the request's work once its app returns; only then is there anything to mirror.
    response = app(environ, start_response)
    if environ.get("REQUEST_METHOD") == "POST":
        try:
            mirror()
        except Exception as e:  # the outbox is a mirror: it never fails moto's own answer
            print("outbox mirror failed: %r" % (e,), file=sys.stderr, flush=True)
    return response


server = make_server(host, port, application, threaded=False)
print("motcua-moto-port %d" % server.port, flush=True)
server.serve_forever()
