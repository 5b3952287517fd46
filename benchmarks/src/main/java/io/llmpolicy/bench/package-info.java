package io.llmpolicy.bench;
