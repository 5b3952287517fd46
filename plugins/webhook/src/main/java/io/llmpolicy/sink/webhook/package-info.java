package io.llmpolicy.sink.webhook;
