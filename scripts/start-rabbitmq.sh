#!/usr/bin/env bash
# Starts Debian's RabbitMQ for tests/Samsara.Messaging.Tests, on loopback only, and waits until it accepts work.
#
#   apt-get install -y rabbitmq-server          # Debian does not start it on install here
#   bash scripts/start-rabbitmq.sh
#
# Node rabbit@localhost: AMQP on 127.0.0.1:5672 (user guest/guest, which RabbitMQ allows from loopback only),
# Erlang distribution on 127.0.0.1:25672, epmd on 127.0.0.1:4369. The tests find it through SAMSARA_TEST_RABBITMQ
# (default amqp://guest:guest@127.0.0.1:5672/) and drive it (list_queues, stop_app/start_app) with
# `rabbitmqctl -n rabbit@localhost` (SAMSARA_TEST_RABBITMQ_NODE), so they run as root or as the rabbitmq user.
# Safe to run twice: a node that is already up is left alone.
set -euo pipefail

export RABBITMQ_NODENAME="${RABBITMQ_NODENAME:-rabbit@localhost}"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="${RABBITMQ_NODE_PORT:-5672}"
export RABBITMQ_DIST_PORT="${RABBITMQ_DIST_PORT:-25672}"
export ERL_EPMD_ADDRESS=127.0.0.1
# Keep the node's and the CLI's Erlang distribution listeners on loopback too.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

ready() { rabbitmqctl -n "$RABBITMQ_NODENAME" await_startup --timeout 5 >/dev/null 2>&1; }

if ready; then
  echo "RabbitMQ $RABBITMQ_NODENAME is already running"
  exit 0
fi

rabbitmq-server -detached
# -detached returns before the node registers with epmd, and await_startup fails at once until it has.
for _ in $(seq 1 60); do
  if ready; then
    echo "RabbitMQ $RABBITMQ_NODENAME is ready on 127.0.0.1:$RABBITMQ_NODE_PORT"
    exit 0
  fi
  sleep 1
done
echo "RabbitMQ did not start within 60 s; its logs are in /var/log/rabbitmq/" >&2
exit 1
