"""Load and faults on the production profile: nothing lost, nothing interleaved, never silent."""

import asyncio
import os
import signal
import time
import uuid

import aiohttp

from channels.guard import SILENCE_REPLY
from tests.reliability.conftest import REST_AUTH, TOKEN

TURNS = [
    "bonjour",
    "c'est quoi le micro-travail ?",
    "et ses inconvénients ?",
    "quelles plateformes ?",
    "c'est quoi Malt ?",
    "et Upwork ?",
    "quelle différence avec le freelance ?",
    "merci",
]


async def say(session, url, sender, text):
    async with session.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        headers={"X-Sender-Id": sender, **REST_AUTH},
    ) as response:
        return response.status, (await response.json() if response.status == 200 else await response.text())


async def tracker(session, base, sender):
    async with session.get(f"{base}/conversations/rest:{sender}/tracker", params={"token": TOKEN}) as response:
        assert response.status == 200, await response.text()
        return await response.json()


def user_texts(events):
    return [e["text"] for e in events if e["event"] == "user"]


def test_50_users_20_turns_through_nginx_lose_nothing(prod):
    async def scenario():
        senders = [f"load-{i}-{uuid.uuid4().hex[:6]}" for i in range(50)]
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50)) as session:

            async def user(sender):
                statuses = []
                for turn in range(20):
                    status, body = await say(session, prod.url, sender, TURNS[turn % len(TURNS)])
                    statuses.append(status)
                    assert status == 200 and body, f"{sender} turn {turn}: {status} {body}"
                    assert {m["recipient_id"] for m in body} == {sender}, f"{sender} got another's reply: {body}"
                return statuses

            started = time.perf_counter()
            await asyncio.gather(*(user(s) for s in senders))
            elapsed = time.perf_counter() - started
            replica = f"http://127.0.0.1:{prod.replicas[1]}"
            for sender in senders:
                events = (await tracker(session, replica, sender))["events"]
                assert user_texts(events) == [TURNS[t % len(TURNS)] for t in range(20)], sender
                bots = [e for e in events if e["event"] == "bot"]
                assert len(bots) >= 20, f"{sender}: {len(bots)} bot messages for 20 turns"
        print(f"\n50 users × 20 turns through nginx: {1000 / elapsed:.1f} msg/s, {elapsed:.1f} s")

    asyncio.run(scenario())


def test_action_server_down_apologises_then_recovers(prod):
    async def ask(sender, text):
        async with aiohttp.ClientSession() as session:
            return await say(session, prod.url, sender, text)

    sender = f"actions-down-{uuid.uuid4().hex[:6]}"
    os.kill(prod.pid("actions"), signal.SIGTERM)
    time.sleep(2)
    try:
        status, body = asyncio.run(ask(sender, "c'est quoi le micro-travail ?"))
        assert status == 200 and body[0]["text"] == SILENCE_REPLY
    finally:
        restart = prod.script("restart-actions")
        assert restart.returncode == 0, restart.stderr
    status, body = asyncio.run(ask(sender, "c'est quoi le micro-travail ?"))
    assert status == 200 and body[0]["text"].startswith("Micro-travail : ")
    status, body = asyncio.run(ask(sender, "et ses inconvénients ?"))
    assert body[0]["text"].startswith("Les inconvénients du micro-travail :")


def test_replica_killed_mid_load_conversations_continue_with_history(prod):
    async def scenario():
        senders = [f"failover-{i}-{uuid.uuid4().hex[:6]}" for i in range(10)]
        statuses = {sender: [] for sender in senders}
        async with aiohttp.ClientSession() as session:

            async def user(sender):
                for turn in range(6):
                    status, _ = await say(session, prod.url, sender, TURNS[turn])
                    statuses[sender].append(status)
                    if turn == 2 and sender == senders[0]:
                        os.kill(prod.pid(f"rasa-{prod.replicas[0]}"), signal.SIGKILL)

            await asyncio.gather(*(user(s) for s in senders))
            survivor = f"http://127.0.0.1:{prod.replicas[1]}"
            for sender in senders:
                answered = [TURNS[t] for t, status in enumerate(statuses[sender]) if status == 200]
                failed = [TURNS[t] for t, status in enumerate(statuses[sender]) if status != 200]
                texts = user_texts((await tracker(session, survivor, sender))["events"])
                # every acknowledged message is kept, in order; a request cut by the kill may or may not be
                assert [t for t in texts if t in answered] == answered, f"{sender} lost history: {texts}"
                assert set(texts) <= set(answered) | set(failed), f"{sender} has foreign messages: {texts}"
                for _ in range(10):  # nginx needs a moment to take the dead replica out of rotation
                    status, body = await say(session, prod.url, sender, "c'est quoi le freelance ?")
                    if status != 502:
                        break
                    await asyncio.sleep(1)
                log = (prod.run_dir / "nginx-error.log").read_text()[-2000:]
                assert status == 200 and body[0]["text"].startswith("Freelance : "), f"{body}\n{log}"
        failures = [(s, t, code) for s, codes in statuses.items() for t, code in enumerate(codes) if code != 200]
        # Requests in flight on the killed replica fail, and a conversation whose Redis lock the dead replica
        # held waits for that lock to expire (TICKET_LOCK_LIFETIME) and may fail meanwhile: a bounded outage
        # for a few conversations, never a lost acknowledged message (checked above).
        # How many requests fail depends on timing (observed 3 to 21 of 60); what must hold is checked above.
        print(f"\nreplica killed mid-load: {len(failures)} request(s) cut, every conversation continued")

    try:
        asyncio.run(scenario())
    finally:
        restart = prod.script("restart-replicas")
        assert restart.returncode == 0, restart.stderr


def test_postgres_restart_does_not_reset_conversations(prod):
    async def scenario():
        sender = f"pg-restart-{uuid.uuid4().hex[:6]}"
        async with aiohttp.ClientSession() as session:
            await say(session, prod.url, sender, "c'est quoi le freelance ?")
            restart = prod.script("restart-postgres")
            assert restart.returncode == 0, restart.stderr
            answers = []
            for _ in range(3):  # a stale pooled connection may cost one apology, never a reset
                status, body = await say(session, prod.url, sender, "et ses inconvénients ?")
                answers.append(body[0]["text"])
                if body[0]["text"] != SILENCE_REPLY:
                    break
            assert answers[-1].startswith("Les inconvénients du freelance :"), answers
            replica = f"http://127.0.0.1:{prod.replicas[0]}"  # the HTTP API is not exposed through nginx
            texts = user_texts((await tracker(session, replica, sender))["events"])
            assert texts[0] == "c'est quoi le freelance ?"

    asyncio.run(scenario())
