package io.llmpolicy.trace;
