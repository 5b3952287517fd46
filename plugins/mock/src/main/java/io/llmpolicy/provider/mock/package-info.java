package io.llmpolicy.provider.mock;
