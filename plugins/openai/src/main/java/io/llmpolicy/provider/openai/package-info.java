package io.llmpolicy.provider.openai;
