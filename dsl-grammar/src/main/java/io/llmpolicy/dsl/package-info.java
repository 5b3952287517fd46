package io.llmpolicy.dsl;
