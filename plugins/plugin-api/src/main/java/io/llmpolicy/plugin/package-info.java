package io.llmpolicy.plugin;
