grammar Placeholder; start : 'x' EOF ;
