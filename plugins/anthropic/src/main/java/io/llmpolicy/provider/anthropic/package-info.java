package io.llmpolicy.provider.anthropic;
