" Vim syntax file for recall deck files (*.facts).
" Language:    recall facts (see docs/deck-format.md)
" Install:     copy to ~/.vim/syntax/facts.vim (Neovim: ~/.config/nvim/syntax/facts.vim) and add
"              this ftdetect line to ~/.vim/ftdetect/facts.vim (Neovim: ~/.config/nvim/ftdetect/):
"
"                  autocmd BufRead,BufNewFile *.facts setfiletype facts
"
if exists("b:current_syntax")
  finish
endif

" Comments: a whole line starting with //, indented or not.
syntax match factsComment "^\s*//.*$" contains=@Spell

" # Heading … ###### Heading: the section path becomes the topic.
syntax match factsHeading "^#\{1,6}.*$" contains=factsHeadingMark
syntax match factsHeadingMark "^#\{1,6}" contained

" The key that starts a block, and the other field keys.
syntax match factsBlockKey "^\%(deck\|Q\|term\|cloze\|number\|event\|list\):\ze\%(\s\|$\)"
syntax match factsFieldKey "^\%(A\|def\|answer\|unit\|date\|order\|kind\|id\|tags\|note\|distractors\|title\|description\|language\|authors\|author\|url\|file\):\ze\%(\s\|$\)"

" source: KEY[, location] ["evidence"] — a source block's first line, or a fact's citation.
syntax match factsSource "^source:\s*[A-Za-z0-9_-]\+" contains=factsSourceField nextgroup=factsCitation
syntax match factsSourceField "^source:" contained
syntax match factsCitation ".*$" contained contains=factsEvidence
syntax match factsEvidence "\"[^\"]*\"" contained
syntax match factsEvidence "“[^”\"]*[”\"]" contained

" id: and kind: values.
syntax match factsIDLine "^id:\s*\S\+" contains=factsFieldKey,factsID
syntax match factsID "\%(^id:\s*\)\@<=\S\+" contained
syntax match factsKindLine "^kind:\s*\S\+" contains=factsFieldKey,factsKind
syntax match factsKind "\%(^kind:\s*\)\@<=\S\+" contained

" - item | alias
syntax match factsItemMark "^-\ze\%(\s\|$\)"

" Answers: the | between accepted forms (not \|), and backslash escapes.
syntax match factsEscape "\\[|{};\\]"
syntax match factsAlias "\\\@<!|"

" Cloze spans: {{#1 kind: answer | alias}}
syntax region factsCloze matchgroup=factsClozeBrace start="{{" end="}}" oneline contains=factsClozeGroup,factsClozeKind,factsAlias,factsEscape
syntax match factsClozeGroup "\%({{\s*\)\@<=#\d\+" contained
syntax match factsClozeKind "\%({{\s*\%(#\d\+\s*\)\=\)\@<=[a-z][a-z0-9-]*:\ze\s" contained

highlight default link factsComment      Comment
highlight default link factsHeading      Title
highlight default link factsHeadingMark  Delimiter
highlight default link factsBlockKey     Keyword
highlight default link factsFieldKey     Identifier
highlight default link factsSourceField  Identifier
highlight default link factsSource       Tag
highlight default link factsEvidence     String
highlight default link factsID           Constant
highlight default link factsKind         Type
highlight default link factsItemMark     Delimiter
highlight default link factsAlias        Operator
highlight default link factsEscape       SpecialChar
highlight default link factsClozeBrace   Delimiter
highlight default link factsCloze        Underlined
highlight default link factsClozeGroup   Number
highlight default link factsClozeKind    Type

let b:current_syntax = "facts"
