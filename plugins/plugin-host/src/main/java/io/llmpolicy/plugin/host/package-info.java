package io.llmpolicy.plugin.host;
