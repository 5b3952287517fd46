package io.llmpolicy.script;
