package io.llmpolicy.engine;
