// Tokens of the .llmpolicy language. Regex literals are only lexed right after `matches` and `regex`, so `/`
// stays the division operator everywhere else.
lexer grammar LlmPolicyLexer;


// ---- lexer ----
POLICY: 'policy'; VERSION: 'version'; IMPORT: 'import'; CONST: 'const'; REQUEST: 'request'; MODEL: 'model';
FUNCTION: 'function'; TRACE: 'trace'; ROUTE: 'route'; BUDGET: 'budget'; GUARDRAIL: 'guardrail'; EVAL: 'eval';
TEST: 'test'; WHEN: 'when'; OTHERWISE: 'otherwise'; FALLBACK: 'fallback'; DOWNGRADE: 'downgrade'; SPLIT: 'split';
BY: 'by'; ON: 'on'; RETRY: 'retry'; COOLDOWN: 'cooldown'; LIMIT: 'limit'; PER: 'per'; ROLLING: 'rolling';
ALERT: 'alert'; AT: 'at'; EXCEEDED: 'exceeded'; TIMEZONE: 'timezone'; ESTIMATE: 'estimate';
DENY: 'deny'; REDACT: 'redact'; FLAG: 'flag'; MONITOR: 'monitor'; TO: 'to'; PII: 'pii'; SECRETS: 'secrets';
INJECTION: 'injection'; PHRASES: 'phrases'; SIZE: 'size'; INVALID: 'invalid'; JSON: 'json'; SCHEMA: 'schema';
DETECTOR: 'detector'; SAMPLE: 'sample'; ASSERT: 'assert'; SCORE: 'score'; USING: 'using'; OVER: 'over';
REGRESSION: 'regression'; MAX_DROP: 'max_drop'; ALPHA: 'alpha'; RESPONSE: 'response'; GIVEN: 'given';
SPENT: 'spent'; EXPECT: 'expect'; ALLOW: 'allow'; FALLBACKS: 'fallbacks'; RULE: 'rule'; FINDING: 'finding';
FINDINGS: 'findings'; NO: 'no'; REDACTED: 'redacted'; PRICE: 'price'; CONTEXT: 'context'; MAX_OUTPUT: 'max_output';
TAGS: 'tags'; ENCODING: 'encoding'; IN: 'in'; OUT: 'out'; CACHED: 'cached'; FROM: 'from'; PLUGIN: 'plugin'; SCRIPT: 'script'; SCRIPTS: 'scripts';
STORE: 'store'; AS: 'as'; INCLUDE: 'include'; TOKENS: 'tokens' | 'token'; REQUESTS: 'requests';
LOWEST_COST: 'lowest_cost'; LEAST_LATENCY: 'least_latency';
AND: 'and'; OR: 'or'; NOT: 'not'; TRUE: 'true'; FALSE: 'false'; NULL: 'null';
CONTAINS: 'contains'; ICONTAINS: 'icontains'; STARTS_WITH: 'startsWith'; ENDS_WITH: 'endsWith';
MATCHES: 'matches' -> pushMode(REGEX_MODE);
REGEX_KW: 'regex' -> pushMode(REGEX_MODE);

ARROW: '->'; COALESCE: '??'; EQ: '=='; NE: '!='; LE: '<='; GE: '>='; LT: '<'; GT: '>'; ASSIGN: '=';
PLUS: '+'; MINUS: '-'; STAR: '*'; SLASH: '/'; DOT: '.'; COMMA: ','; COLON: ':'; SEMI: ';'; QUESTION: '?';
LPAREN: '('; RPAREN: ')'; LBRACE: '{'; RBRACE: '}'; LBRACK: '['; RBRACK: ']';
// Symbols from other languages, lexed so the parser can say what to write instead.
C_AND: '&&'; C_OR: '||'; C_NOT: '!';

PRICE_LIT : '$' DEC ('/M' | '/K') ;
MONEY     : '$' DIGITS (',' [0-9] [0-9] [0-9])* ('.' DIGITS)? [kKM]? ;
DURATION  : DEC ('ms' | 's' | 'm' | 'h' | 'd' | 'w') ;
PERCENT   : DEC '%' ;
NUMBER    : DEC [kKMB]? ;
fragment DEC    : DIGITS ('.' DIGITS)? ;
fragment DIGITS : [0-9] ([0-9_]* [0-9])? ;

// An inline script: JavaScript between triple quotes, kept verbatim (its line and column map script errors back).
SCRIPT_BLOCK : '"""' .*? '"""' ;
STRING    : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* ;
ID        : [a-zA-Z_] [a-zA-Z0-9_]* ;

COMMENT   : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS        : [ \t\r\n\u000C]+ -> channel(HIDDEN) ;
ERROR_CHAR: . ;

mode REGEX_MODE;
REGEX_WS  : [ \t\r\n]+ -> channel(HIDDEN) ;
REGEX     : '/' ( ~[/\\\r\n] | '\\' ~[\r\n] )+ '/' [a-z]* -> popMode ;
REGEX_BAD : . -> popMode, type(ERROR_CHAR) ;
