"""End to end over HTTP: the real action server and `rasa run` with the REST channel, as `make run` starts them."""

import json
import urllib.request
import uuid

import pytest

from runtime import launch

TOKEN = "test-token-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def rasa_process(trained_model, action_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rest")
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "{action_server}"\n'
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {folder / 'tracker.db'}\n",
        encoding="utf-8",
    )
    with launch.rasa_server(
        endpoints, folder / "rasa.log", trained_model, extra=["--enable-api", "--auth-token", TOKEN]
    ) as server:
        yield server


@pytest.fixture(scope="module")
def rasa_server(rasa_process):
    return rasa_process.url


def post(url, payload):
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def say(server, sender, text):
    return post(f"{server}/webhooks/rest/webhook", {"sender": sender, "message": text})


def tracker(server, sender):
    with urllib.request.urlopen(f"{server}/conversations/{sender}/tracker?token={TOKEN}", timeout=30) as response:
        return json.loads(response.read())


def test_chat_over_rest(rasa_server):
    sender = f"rest-{uuid.uuid4()}"
    greeting = say(rasa_server, sender, "bonjour")
    assert "Je suis votre conseiller" in greeting[0]["text"]
    assert any(b["title"] == "Aidez-moi à choisir" for b in greeting[0]["buttons"])
    answer = say(rasa_server, sender, "c'est quoi le micro-travail ?")
    assert answer[0]["text"].startswith("Micro-travail : ")
    follow_up = say(rasa_server, sender, "et ses inconvénients ?")
    assert follow_up[0]["text"].startswith("Les inconvénients du micro-travail :")


def test_api_refuses_requests_without_the_token(rasa_server):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{rasa_server}/conversations/someone/tracker", timeout=30)
    assert refused.value.code == 401


def test_guided_choice_end_to_end(rasa_server):
    sender = f"form-{uuid.uuid4()}"
    assert "Question 1/5" in " ".join(m.get("text", "") for m in say(rasa_server, sender, "aide-moi à choisir"))
    for text in [
        "quand je veux",
        "j'ai un master en design",
        "je veux en vivre",
        "sur le long terme",
        "trouver mes clients moi-même",
    ]:
        replies = say(rasa_server, sender, text)
    final = "\n".join(m.get("text", "") for m in replies)
    assert final.startswith("Ma recommandation : le freelance.")
    assert "Plateformes à regarder en premier :" in final
    slots = tracker(rasa_server, f"rest:{sender}")["slots"]  # the REST channel's conversations are rest:<sender>
    assert slots["recommendation"] == "freelancing"
    assert (slots["schedule"], slots["skills"], slots["income"], slots["career"], slots["autonomy"]) == (
        "flexible",
        "specialized",
        "main",
        "long_term",
        "high",
    )
    assert slots["requested_slot"] is None


def raw_post(server, body: bytes):
    request = urllib.request.Request(
        f"{server}/webhooks/rest/webhook", data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


BAD_REST_INPUT = [  # (case, body, expected status, fragment of the answer or of the error)
    ("empty text", {"message": ""}, 200, "Votre message est vide"),
    ("only spaces", {"message": "   \t "}, 200, "Votre message est vide"),
    ("60 KB text", {"message": "micro " * 10_000}, 200, "trop long"),  # bigger bodies: 413, below
    ("control characters", {"message": "c'est quoi\x00 le\x1b micro-travail ?"}, 200, "Micro-travail : "),
    ("HTML and script", {"message": "<script>alert('x')</script>"}, 200, ""),
    ("emoji only", {"message": "🤔🤔🤔"}, 200, ""),
    ("message of the wrong type", {"message": ["bonjour"]}, 400, "'message' must be a string"),
    ("missing sender", {"sender": None, "message": "bonjour"}, 400, "'sender'"),
    ("sender of the wrong type", {"sender": {"id": 1}, "message": "bonjour"}, 400, "'sender'"),
    ("malformed JSON", b'{"sender": "x", "message": ', 400, "UTF-8 JSON"),
    ("invalid UTF-8", b'{"sender": "x", "message": "\xff\xfe"}', 400, "UTF-8 JSON"),
    ("JSON array", b'["bonjour"]', 400, "JSON object"),
    ("arrays 10,000 deep", b"[" * 10_000 + b"]" * 10_000, 400, "UTF-8 JSON"),
    ("objects 10,000 deep", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, 400, "UTF-8 JSON"),
    (
        "message nested 10,000 deep",
        b'{"sender": "x", "message": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
        400,
        "UTF-8 JSON",
    ),
]


@pytest.mark.parametrize("case,body,status,fragment", BAD_REST_INPUT, ids=[c[0] for c in BAD_REST_INPUT])
def test_bad_rest_input_gets_a_polite_answer_or_a_clean_400(rasa_server, case, body, status, fragment):
    if isinstance(body, dict):
        body = json.dumps({"sender": f"bad-{uuid.uuid4()}", **body}).encode()
    got_status, answer = raw_post(rasa_server, body)
    assert got_status == status, answer
    if status == 200:
        assert answer and all(m.get("text") for m in answer), "the bot stayed silent"
        assert fragment in answer[0]["text"]
        assert "<script>" not in json.dumps(answer)
    else:
        assert fragment in answer["error"]


def test_a_body_over_the_cap_gets_a_413_unread_and_the_server_keeps_answering(rasa_process):
    body = json.dumps({"sender": f"big-{uuid.uuid4()}", "message": "micro " * 35_000}).encode()  # 210 KB
    request = urllib.request.Request(
        f"{rasa_process.url}/webhooks/rest/webhook",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=60)
    assert refused.value.code == 413
    assert "Sanic request bodies capped at 65536 bytes" in rasa_process.log.read_text()
    assert "Je suis votre conseiller" in say(rasa_process.url, f"after-big-{uuid.uuid4()}", "bonjour")[0]["text"]
