package io.llmpolicy.eval;
