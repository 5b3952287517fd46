package io.llmpolicy.guard;
