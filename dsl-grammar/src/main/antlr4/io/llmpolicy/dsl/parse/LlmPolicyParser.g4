// The .llmpolicy language. Newlines are not significant; ';' may separate statements anywhere.
// Binary operators are written as flat EBNF loops (not left recursion) so that long chains such as
// `a or b or c ...` produce flat parse trees and never deep recursion in later passes.
parser grammar LlmPolicyParser;

options { tokenVocab = LlmPolicyLexer; }


file        : header? importDecl* decl* EOF ;
header      : POLICY STRING (VERSION STRING)? SEMI* ;
importDecl  : IMPORT STRING SEMI* ;

decl
    : constDecl | requestDecl | modelDecl | functionDecl | scriptsDecl | traceDecl
    | routeDecl | budgetDecl | guardrailDecl | evalDecl | testDecl
    ;

constDecl   : CONST ID (COLON type)? ASSIGN expr SEMI* ;

requestDecl : REQUEST LBRACE SEMI* (attrDecl SEMI*)* RBRACE SEMI* ;
attrDecl    : name COLON type (ASSIGN expr)? ;
type        : name (LT type GT)? QUESTION? ;

modelDecl   : MODEL ID ASSIGN provider=name STRING modelClause* SEMI* ;
modelClause
    : PRICE priceItem+                 # modelPrice
    | CONTEXT quantity                 # modelContext
    | MAX_OUTPUT quantity              # modelMaxOutput
    | TAGS list                        # modelTags
    | ENCODING STRING                  # modelEncoding
    ;
priceItem   : kind=(IN | OUT | CACHED) PRICE_LIT ;

functionDecl: FUNCTION name LPAREN (param (COMMA param)*)? RPAREN ARROW type functionBody SEMI* ;
functionBody
    : FROM PLUGIN STRING        # fromPlugin
    | FROM SCRIPT STRING        # fromScriptFile
    | SCRIPT SCRIPT_BLOCK       # inlineScript
    ;
param       : name COLON type ;

scriptsDecl : SCRIPTS LBRACE SEMI* scriptSetting* RBRACE SEMI* ;
scriptSetting : name literal SEMI* ;

traceDecl   : TRACE LBRACE SEMI* traceStmt* RBRACE SEMI* ;
traceStmt
    : STORE what=name AS how=name SEMI*          # traceStore
    | INCLUDE expr (COMMA expr)* SEMI*            # traceInclude
    ;

ruleMods    : (WHEN expr)? MONITOR? ;

routeDecl   : ROUTE name ruleMods LBRACE SEMI* routeStmt* RBRACE SEMI* ;
routeStmt
    : WHEN expr ARROW target SEMI*                                            # routeWhen
    | OTHERWISE ARROW target SEMI*                                            # routeOtherwise
    | FALLBACK ID (ARROW ID)* ON errorClass (COMMA errorClass)*
        (RETRY NUMBER)? (COOLDOWN DURATION)? SEMI*                            # routeFallback
    | DOWNGRADE ID ARROW ID WHEN expr SEMI*                                   # routeDowngrade
    ;
target
    : ID                                                        # targetModel
    | SPLIT (BY expr)? LBRACE weighted (COMMA weighted)* COMMA? RBRACE   # targetSplit
    | strategy=(LOWEST_COST | LEAST_LATENCY) LBRACK ID (COMMA ID)* COMMA? RBRACK  # targetChoose
    ;
weighted    : PERCENT ID ;
errorClass  : name ;

budgetDecl  : BUDGET name (BY expr (COMMA expr)*)? ruleMods LBRACE SEMI* budgetStmt* RBRACE SEMI* ;
budgetStmt
    : LIMIT expr PER window SEMI*                                  # budgetLimit
    | ALERT AT PERCENT (COMMA PERCENT)* SEMI*                        # budgetAlert
    | ON EXCEEDED action SEMI*                                       # budgetOnExceeded
    | TIMEZONE STRING SEMI*                                          # budgetTimezone
    | ESTIMATE what=name quantity SEMI*                              # budgetEstimate
    ;
window      : ROLLING DURATION | unit=name ;
action
    : DENY STRING?              # actionDeny
    | DOWNGRADE TO ID           # actionDowngrade
    | MONITOR                   # actionMonitor
    ;

guardrailDecl : GUARDRAIL name ON phase=name ruleMods LBRACE SEMI* guardStmt* RBRACE SEMI* ;
guardStmt
    : verb=(DENY | REDACT | FLAG) WHEN expr STRING? SEMI*                     # guardWhen
    | verb=(DENY | REDACT | FLAG) detector redactAs? STRING? SEMI*            # guardDetect
    ;
detector
    : PII kindList?                        # detPii
    | SECRETS kindList?                    # detSecrets
    | INJECTION                            # detInjection
    | PHRASES (list | FROM STRING)         # detPhrases
    | REGEX_KW REGEX                       # detRegex
    | SIZE GT expr                         # detSize
    | INVALID JSON (SCHEMA STRING)?        # detJson
    | DETECTOR STRING                      # detPlugin
    ;
kindList    : LBRACK name (COMMA name)* COMMA? RBRACK ;
redactAs    : AS name ;

evalDecl    : EVAL name (SAMPLE PERCENT)? ruleMods LBRACE SEMI* evalStmt* RBRACE SEMI* ;
evalStmt
    : ASSERT (STRING COLON)? expr SEMI*                         # evalAssert
    | SCORE name USING STRING SEMI*                             # evalScore
    | ALERT WHEN expr OVER DURATION SEMI*                       # evalAlert
    | REGRESSION MAX_DROP PERCENT (ALPHA NUMBER)? SEMI*         # evalRegression
    ;

testDecl    : TEST STRING LBRACE SEMI* testStmt* RBRACE SEMI* ;
testStmt
    : REQUEST object SEMI*                                   # testRequest
    | RESPONSE object SEMI*                                  # testResponse
    | GIVEN BUDGET name SPENT expr SEMI*                   # testGiven
    | EXPECT expectation SEMI*                               # testExpect
    ;
expectation
    : ALLOW                                   # expectAllow
    | DENY STRING?                            # expectDeny
    | ROUTE ID                                # expectRoute
    | FALLBACKS LBRACK (ID (COMMA ID)*)? RBRACK   # expectFallbacks
    | RULE name                               # expectRule
    | FINDING dotted                          # expectFinding
    | NO FINDINGS                             # expectNoFindings
    | BUDGET name state=name                  # expectBudget
    | EVAL name outcome=name                  # expectEval
    | REDACTED STRING                         # expectRedacted
    ;
object      : LBRACE (field (COMMA? field)*)? COMMA? RBRACE ;
field       : name COLON expr ;
dotted      : name (DOT name)* ;

// ---- expressions, lowest precedence first ----
expr        : orExpr (COALESCE orExpr)* ;
orExpr      : andExpr ((OR | C_OR) andExpr)* ;
andExpr     : notExpr ((AND | C_AND) notExpr)* ;
notExpr     : (NOT | C_NOT) notExpr | cmpExpr ;
cmpExpr     : addExpr (cmpOp addExpr | NOT? IN addExpr | strOp addExpr | MATCHES REGEX)? ;
cmpOp       : EQ | NE | LT | LE | GT | GE ;
strOp       : CONTAINS | ICONTAINS | STARTS_WITH | ENDS_WITH ;
addExpr     : mulExpr ((PLUS | MINUS) mulExpr)* ;
mulExpr     : unaryExpr ((STAR | SLASH) unaryExpr)* ;
unaryExpr   : MINUS unaryExpr | postfixExpr ;
postfixExpr : primary (DOT name)* ;
primary
    : literal                                            # primLiteral
    | LPAREN expr RPAREN                                 # primParen
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK         # primList
    | REQUEST                                            # primRequest
    | BUDGET LPAREN name RPAREN                          # primBudget
    | ID LPAREN (expr (COMMA expr)*)? RPAREN             # primCall
    | ID                                                 # primName
    ;
literal
    : STRING | quantity | MONEY | DURATION | PERCENT | TRUE | FALSE | NULL ;
quantity    : NUMBER unit=(TOKENS | REQUESTS)? ;
list        : LBRACK (expr (COMMA expr)* COMMA?)? RBRACK ;

// A name may be a keyword wherever only a name can stand (after '.', as a rule or attribute name).
name
    : ID | POLICY | VERSION | IMPORT | CONST | REQUEST | MODEL | FUNCTION | TRACE | ROUTE | BUDGET | GUARDRAIL
    | EVAL | TEST | WHEN | OTHERWISE | FALLBACK | DOWNGRADE | SPLIT | BY | ON | RETRY | COOLDOWN | LIMIT | PER
    | ROLLING | ALERT | AT | EXCEEDED | TIMEZONE | ESTIMATE | DENY | REDACT | FLAG | MONITOR | TO
    | PII | SECRETS | INJECTION | PHRASES | SIZE | INVALID | JSON | SCHEMA | DETECTOR | SAMPLE | ASSERT | SCORE
    | USING | OVER | REGRESSION | MAX_DROP | ALPHA | RESPONSE | GIVEN | SPENT | EXPECT | ALLOW | FALLBACKS | RULE
    | FINDING | FINDINGS | NO | REDACTED | PRICE | CONTEXT | MAX_OUTPUT | TAGS | ENCODING | IN | OUT | CACHED
    | FROM | PLUGIN | SCRIPT | SCRIPTS | STORE | AS | INCLUDE | TOKENS | REQUESTS | LOWEST_COST | LEAST_LATENCY | CONTAINS
    | ICONTAINS | STARTS_WITH | ENDS_WITH | TRUE | FALSE | NULL
    ;

