function __unroll_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __unroll_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __unroll_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __unroll_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __unroll_parse_tokens -S
    set -l unparsed_tokens (__unroll_tokens -pc)
    switch $unparsed_tokens[1]
    case 'unroll'
        __unroll_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'lesson'
            __unroll_parse_subcommand 1 's/step=' 'plain' 'present' 'ascii' 'notes' 'no-motion' 'lessons=' 'profile=' 'version' 'h/help'
        case 'lab'
            __unroll_parse_subcommand 1 'input=' 'clamp=+' 't/step=' 'continue=' 'temperature=' 'seed=' 'plain' 'present' 'ascii' 'notes' 'no-motion' 'lessons=' 'vocab=' 'nonlinearity=' 'head=' 'embedding=' 'version' 'h/help'
        case 'gradients'
            __unroll_parse_subcommand 1 'model=' 'input=' 'targets=' 'tensor=' 'scale=' 'n=' 'function=' 'delays=+' 'steps=' 'hidden=' 'seed=' 'frame=' 'plain' 'present' 'ascii' 'notes' 'no-motion' 'version' 'h/help'
        case 'render'
            __unroll_parse_subcommand 2 'lesson=' 'lesson-step=' 'present' 'input=' 'clamp=+' 't/step=' 'size=' 'format=' 'colors=' 'ascii' 'explain' 'lessons=' 'version' 'h/help'
        case 'trace'
            __unroll_parse_subcommand 1 'input=' 'targets=' 'clamp=+' 'grad' 'feed-predictions' 'pretty' 'vocab=' 'nonlinearity=' 'head=' 'embedding=' 'version' 'h/help'
        case 'convert'
            __unroll_parse_subcommand 2 'vocab=' 'nonlinearity=' 'head=' 'embedding=' 'version' 'h/help'
        case 'train'
            __unroll_parse_subcommand 2 'column=' 'level=' 'length=' 'window=' 'cell=' 'hidden=' 'epochs=' 'lr=' 'seed=' 'optimizer=' 'clip=' 'bptt=' 'delay=' 'nonlinearity=' 'forget-bias=' 'out=' 'version' 'h/help'
        case 'analyze'
            __unroll_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'vanishing'
                __unroll_parse_subcommand 0 'function=' 'n=' 'from=' 'to=' 'samples=' 'json' 'version' 'h/help'
            case 'power'
                __unroll_parse_subcommand 0 'model=' 'cell=' 'hidden=' 'inputs=' 'init=' 'radius=' 'seed=' 'gate=' 'scale=' 'steps=' 'json' 'version' 'h/help'
            case 'distance'
                __unroll_parse_subcommand 0 'model=' 'cell=' 'hidden=' 'inputs=' 'init=' 'radius=' 'seed=' 'function=' 'input=' 'length=' 'target=' 'compare' 'json' 'version' 'h/help'
            case 'race'
                __unroll_parse_subcommand 0 'delays=+' 'cells=+' 'hidden=' 'steps=' 'batch=' 'lr=' 'seed=' 'function=' 'clip=' 'forget-bias=' 'threads=' 'quiet' 'json' 'version' 'h/help'
            end
        case 'list'
            __unroll_parse_subcommand 0 'lessons=' 'version' 'h/help'
        case 'lint'
            __unroll_parse_subcommand -r 1 'version' 'h/help'
        case 'progress'
            __unroll_parse_subcommand 0 'reset' 'lessons=' 'profile=' 'version' 'h/help'
        case 'bench'
            __unroll_parse_subcommand 0 'epochs=' 'repeats=' 'json' 'no-race' 'model=' 'version' 'h/help'
        case 'serve'
            __unroll_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'run'
                __unroll_parse_subcommand 0 'port=' 'listen=' 'state=' 'class-code=' 'teacher-keys=' 'max-connections=' 'max-sessions=' 'idle-timeout=' 'lessons=' 'version' 'h/help'
            case 'report'
                __unroll_parse_subcommand 0 'state=' 'csv' 'version' 'h/help'
            end
        case 'help'
            __unroll_parse_subcommand -r 1 'version'
        end
    end
end

function __unroll_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __unroll_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __unroll_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __unroll_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__unroll_tokens -p)
    if test -z "$(__unroll_tokens -t)"
        set -l index (count (__unroll_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'unroll' -f
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'lesson' -d 'Open a lesson (see unroll list), optionally at a step.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'lab' -d 'Step through a model\'s run on an input: gates, cell, hidden state, prediction; clamp, explain, train.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'gradients' -d 'Open the gradient lab: vanishing and exploding gradients, BPTT, or the memory race.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'render' -d 'Print one frame of a screen as text, ANSI, SVG or HTML (for slides, docs and bug reports).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'trace' -d 'Run a model over a sequence and print what happened at every step as JSON.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'convert' -d 'Write a model (JSON, PyTorch .pt/.pth, .safetensors, or a shipped name) as .json or .safetensors.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'train' -d 'Train a seeded model on a built-in task (dinner, book, race) or your own data (wave, csv, text) and print a JSON summary.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'analyze' -d 'Print the vanishing-gradient analyses as tables or JSON (for scripts and notebooks).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'list' -d 'List the lessons, one a line: id, title, minutes and steps (or BROKEN and the first error).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'lint' -d 'Check lessons: parse them, run every scene on the core, evaluate every check and question.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'progress' -d 'Show your progress per lesson (step reached, answers), or clear it with --reset.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'bench' -d 'Measure training time per token-step (book task, H=8) and one forward + BPTT pass over T=1000 at H=32.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'serve' -d 'Serve the tutor over SSH to a class: students follow the teacher\'s steps and answer live polls.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" s step' -s 's' -l 'step' -d 'Start at this step (1-based).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" plain' -l 'plain' -d 'Print plain text instead of the full-screen tutor (automatic when output is not a terminal or TERM cannot address the cursor).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" present' -l 'present' -d 'Presenter mode for a projector: larger panels, no chrome; PageUp/PageDown step.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" ascii' -l 'ascii' -d 'Use ASCII characters only.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" notes' -l 'notes' -d 'Show the lessons\' presenter notes (the presenter\'s own terminal).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" no-motion' -l 'no-motion' -d 'Do not animate stepping (also UNROLL_NO_MOTION=1; plain mode never animates).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" lessons' -l 'lessons' -d 'A folder of lesson files (and models/) laid over the built-in lessons (default: $UNROLL_LESSONS).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" profile' -l 'profile' -d 'Keep progress for this person (letters, digits, - _ .), for a login several people share (default: $UNROLL_PROFILE, else the login\'s own).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lesson" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" input' -l 'input' -d 'Whitespace-separated input tokens; \'?\' is an unknown step (default: a story for the model\'s vocabulary).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab"' -l 'clamp' -d 'Start with a gate clamped: GATE[UNITS]=VALUE@STEPS (repeatable).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" step t' -s 't' -l 'step' -d 'Start at this step (1-based).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" continue' -l 'continue' -d 'Draw this many ghost steps after the input: what the model would say next, fed its own words.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" temperature' -l 'temperature' -d 'Sample the continuation from softmax(logits / T) instead of taking the likeliest word (T > 0).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" seed' -l 'seed' -d 'The seed of a sampled continuation: the same seed, the same words.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" plain' -l 'plain' -d 'Print plain text instead of the full-screen tutor (automatic when output is not a terminal or TERM cannot address the cursor).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" present' -l 'present' -d 'Presenter mode for a projector: larger panels, no chrome; PageUp/PageDown step.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" ascii' -l 'ascii' -d 'Use ASCII characters only.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" notes' -l 'notes' -d 'Show the lessons\' presenter notes (the presenter\'s own terminal).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" no-motion' -l 'no-motion' -d 'Do not animate stepping (also UNROLL_NO_MOTION=1; plain mode never animates).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" lessons' -l 'lessons' -d 'A folder of lesson files (and models/) laid over the built-in lessons (default: $UNROLL_LESSONS).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" vocab' -l 'vocab' -d 'For a .pt/.safetensors model: the vocabulary, space-separated, in input order.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" nonlinearity' -l 'nonlinearity' -d 'For a .pt/.safetensors rnn: tanh or relu.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" head' -l 'head' -d 'For a .pt/.safetensors model: the read-out\'s module (fc for fc.weight).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" embedding' -l 'embedding' -d 'For a .pt/.safetensors model: the embedding\'s module (emb for emb.weight).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lab" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll gradients" -eq 1' -fka 'vanishing bptt race'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" model' -l 'model' -d 'A model file or shipped model name (vanishing, bptt).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" input' -l 'input' -d 'Whitespace-separated input tokens (default: vanishing 100 random tokens; bptt a story for the model).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" targets' -l 'targets' -d 'bptt: per-step targets (default: the next token).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" tensor' -l 'tensor' -d 'bptt: the weight tensor to follow, e.g. weight_hh_l0, weight_ih_l0, head.weight.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" scale' -l 'scale' -d 'vanishing: c, the factor multiplying W_hh.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" n' -l 'n' -d 'vanishing: how many times the function is composed.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" function' -l 'function' -d 'vanishing: the composed function: sigmoid, tanh or relu.' -rfka 'sigmoid tanh relu'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients"' -l 'delays' -d 'race: the delays N, e.g. --delays 2 10 (or 2,10).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" steps' -l 'steps' -d 'race: Adam updates per run.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" hidden' -l 'hidden' -d 'race: hidden size H of every cell.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" seed' -l 'seed' -d 'Seed of the race, or of the vanishing screen\'s random input.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" frame' -l 'frame' -d 'Print one WIDTHxHEIGHT frame of the screen as text and exit (for slides and docs).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" plain' -l 'plain' -d 'Print plain text instead of the full-screen tutor (automatic when output is not a terminal or TERM cannot address the cursor).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" present' -l 'present' -d 'Presenter mode for a projector: larger panels, no chrome; PageUp/PageDown step.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" ascii' -l 'ascii' -d 'Use ASCII characters only.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" notes' -l 'notes' -d 'Show the lessons\' presenter notes (the presenter\'s own terminal).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" no-motion' -l 'no-motion' -d 'Do not animate stepping (also UNROLL_NO_MOTION=1; plain mode never animates).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll gradients" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" lesson' -l 'lesson' -d 'The lesson id (for lesson).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" lesson-step' -l 'lesson-step' -d 'The lesson step (for lesson, 1-based).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" present' -l 'present' -d 'Presenter mode (larger panels, no chrome).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" input' -l 'input' -d 'Input tokens (for lab).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render"' -l 'clamp' -d 'A clamp spec (repeatable).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" step t' -s 't' -l 'step' -d 'The step under the cursor (1-based).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" size' -l 'size' -d 'WIDTHxHEIGHT of the frame.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" format' -l 'format' -d 'text, ansi, svg or html (svg and html: the frame in a monospace font with its colours, for slides).' -rfka 'text ansi svg html'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" colors' -l 'colors' -d 'For ansi, svg and html: 256, 8 or mono.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" ascii' -l 'ascii' -d 'ASCII characters only.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" explain' -l 'explain' -d 'Explain the focused number (opens the explain box).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" lessons' -l 'lessons' -d 'A folder of lesson files (and models/) laid over the built-in lessons (default: $UNROLL_LESSONS).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll render" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" input' -l 'input' -d 'Whitespace-separated input tokens from the model\'s vocab (a "real" model: I comma-separated numbers per step); \'?\' is an unknown step.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" targets' -l 'targets' -d 'One target token per input token (a regression: O comma-separated numbers); \'?\' means no target at that step.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace"' -l 'clamp' -d 'Hold a gate at a value: GATE[UNITS]=VALUE@STEPS (repeatable), e.g. forget=0@3..5.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" grad' -l 'grad' -d 'Add the gradients of the total loss (needs --targets).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" feed-predictions' -l 'feed-predictions' -d 'Feed each \'?\' step after the first the previous step\'s prediction (its predicted token, or a regression\'s output).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" pretty' -l 'pretty' -d 'Indent the JSON for reading.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" vocab' -l 'vocab' -d 'For a .pt/.safetensors model: the vocabulary, space-separated, in input order.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" nonlinearity' -l 'nonlinearity' -d 'For a .pt/.safetensors rnn: tanh or relu.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" head' -l 'head' -d 'For a .pt/.safetensors model: the read-out\'s module (fc for fc.weight).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" embedding' -l 'embedding' -d 'For a .pt/.safetensors model: the embedding\'s module (emb for emb.weight).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll trace" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll convert" vocab' -l 'vocab' -d 'For a .pt/.safetensors model: the vocabulary, space-separated, in input order.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll convert" nonlinearity' -l 'nonlinearity' -d 'For a .pt/.safetensors rnn: tanh or relu.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll convert" head' -l 'head' -d 'For a .pt/.safetensors model: the read-out\'s module (fc for fc.weight).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll convert" embedding' -l 'embedding' -d 'For a .pt/.safetensors model: the embedding\'s module (emb for emb.weight).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll convert" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll convert" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll train" -eq 1' -fka 'dinner book race wave csv text'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" column' -l 'column' -d 'csv: the column (named in the header row) that holds the series.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" level' -l 'level' -d 'text: learn words or characters (word or char).' -rfka 'word char'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" length' -l 'length' -d 'wave: how many steps of the wave to train on.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" window' -l 'window' -d 'wave, csv, text: training windows, in steps (full BPTT inside each).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" cell' -l 'cell' -d 'The cell: rnn, lstm or gru.' -rfka 'rnn lstm gru'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" hidden' -l 'hidden' -d 'Hidden size H (default: dinner 4, book 8, race 16).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" epochs' -l 'epochs' -d 'Epochs, one update each (default: dinner 200, book 800, race 1500).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" lr' -l 'lr' -d 'Learning rate (default: 0.02; race 0.01).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" seed' -l 'seed' -d 'Random seed: the same seed gives the same model on every run.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" optimizer' -l 'optimizer' -d 'adam or sgd.' -rfka 'sgd adam'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" clip' -l 'clip' -d 'Clip the gradient norm to this value before each update.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" bptt' -l 'bptt' -d 'Truncated BPTT window in steps (default: full BPTT).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" delay' -l 'delay' -d 'The race\'s delay N.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" nonlinearity' -l 'nonlinearity' -d 'rnn only: tanh or relu.' -rfka 'sigmoid tanh relu'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" forget-bias' -l 'forget-bias' -d 'lstm only: start the forget gate\'s bias at this value (b_ih + b_hh; e.g. 1).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" out' -l 'out' -d 'Write the trained model here (a model file unroll trace reads).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll train" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll analyze" -eq 1' -fa 'vanishing' -d 'Compose a squashing function with itself n = 1…N times: fⁿ(x) and its slope ∏ f′ over an x range.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll analyze" -eq 1' -fa 'power' -d 'Eigenvalues and spectral radius of a model\'s W_hh (scaled by c), and ‖h_t‖ for h_t = ((cW)ᵗ)ᵀ h₀.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll analyze" -eq 1' -fa 'distance' -d 'Gradient against distance: ‖∂L_T/∂h_t‖ and ‖∂h_T/∂h_t‖ (Frobenius) for t = T…0.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll analyze" -eq 1' -fa 'race' -d 'The memory race: train RNN, LSTM and GRU to recall the first token after N distractors; accuracy against N.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze vanishing" function' -l 'function' -d 'sigmoid, tanh or relu.' -rfka 'sigmoid tanh relu'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze vanishing" n' -l 'n' -d 'N, the deepest composition.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze vanishing" from' -l 'from' -d 'The left end of the x range (negative values as --from -6).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze vanishing" to' -l 'to' -d 'The right end of the x range.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze vanishing" samples' -l 'samples' -d 'Evenly spaced sample points on [from, to].' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze vanishing" json' -l 'json' -d 'Print one JSON object instead of a table.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze vanishing" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze vanishing" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" model' -l 'model' -d 'A model file or a shipped model name (instead of building one with --cell).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" cell' -l 'cell' -d 'Build a seeded model with this cell: rnn, lstm or gru.' -rfka 'rnn lstm gru'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" hidden' -l 'hidden' -d 'The built model\'s hidden size H.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" inputs' -l 'inputs' -d 'The built model\'s input (and output) size I.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" init' -l 'init' -d 'The built model\'s W_hh: random (PyTorch\'s default), identity or orthogonal.' -rfka 'random identity orthogonal'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" radius' -l 'radius' -d 'Rescale W_hh so its (candidate) block has this spectral radius.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" seed' -l 'seed' -d 'Seed of the built model and of random inputs.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" gate' -l 'gate' -d 'Gated cells: the gate whose block of W_hh to use (input, forget, candidate, output, reset, update).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" scale' -l 'scale' -d 'c, the factor multiplying W.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" steps' -l 'steps' -d 'T, the number of powers.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" json' -l 'json' -d 'Print one JSON object instead of a table.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze power" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" model' -l 'model' -d 'A model file or a shipped model name (instead of building one with --cell).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" cell' -l 'cell' -d 'Build a seeded model with this cell: rnn, lstm or gru.' -rfka 'rnn lstm gru'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" hidden' -l 'hidden' -d 'The built model\'s hidden size H.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" inputs' -l 'inputs' -d 'The built model\'s input (and output) size I.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" init' -l 'init' -d 'The built model\'s W_hh: random (PyTorch\'s default), identity or orthogonal.' -rfka 'random identity orthogonal'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" radius' -l 'radius' -d 'Rescale W_hh so its (candidate) block has this spectral radius.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" seed' -l 'seed' -d 'Seed of the built model and of random inputs.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" function' -l 'function' -d 'The RNN\'s squashing function: tanh, relu or sigmoid (default: the model\'s own).' -rfka 'sigmoid tanh relu'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" input' -l 'input' -d 'Whitespace-separated input tokens from the model\'s vocabulary (default: random tokens).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" length' -l 'length' -d 'T, the length of the random input.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" target' -l 'target' -d 'The class of the last-step loss (a vocabulary word or an index; default 0).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" compare' -l 'compare' -d 'Run the standard comparison of cells and initialisations.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" json' -l 'json' -d 'Print one JSON object instead of a table.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze distance" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race"' -l 'delays' -d 'Delays N, e.g. --delays 2 5 10 (or 2,5,10).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race"' -l 'cells' -d 'Cells, e.g. --cells rnn lstm (or rnn,lstm).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" hidden' -l 'hidden' -d 'Hidden size H (the same for every cell).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" steps' -l 'steps' -d 'Adam steps per run, one batch each.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" batch' -l 'batch' -d 'Sequences per batch.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" lr' -l 'lr' -d 'Learning rate.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" seed' -l 'seed' -d 'Random seed (initial weights, batches, held-out set).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" function' -l 'function' -d 'The RNN\'s squashing function: tanh or relu.' -rfka 'sigmoid tanh relu'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" clip' -l 'clip' -d 'Clip the gradient norm to this before each update.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" forget-bias' -l 'forget-bias' -d 'Start the LSTM\'s forget-gate bias at this value (b_ih + b_hh; e.g. 1).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" threads' -l 'threads' -d 'Runs trained at once (default: one per core); the results do not depend on it.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" quiet' -l 'quiet' -d 'No progress on standard error.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" json' -l 'json' -d 'Print one JSON object instead of a table.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll analyze race" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll list" lessons' -l 'lessons' -d 'A folder of lesson files (and models/) laid over the built-in lessons (default: $UNROLL_LESSONS).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll list" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lint" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll lint" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll progress" reset' -l 'reset' -d 'Delete the saved progress.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll progress" lessons' -l 'lessons' -d 'A folder of lesson files (and models/) laid over the built-in lessons (default: $UNROLL_LESSONS).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll progress" profile' -l 'profile' -d 'Keep progress for this person (letters, digits, - _ .), for a login several people share (default: $UNROLL_PROFILE, else the login\'s own).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll progress" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll progress" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll bench" epochs' -l 'epochs' -d 'Epochs of the book task per cell (each 199 token-steps).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll bench" repeats' -l 'repeats' -d 'Repetitions of the T=1000 pass (the median is reported).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll bench" json' -l 'json' -d 'Print JSON instead of a table.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll bench" no-race' -l 'no-race' -d 'Skip the memory race (3 cells × 6 delays, about 5 s on two cores).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll bench" model' -l 'model' -d 'A model file or shipped name for the screen benchmarks (default: a seeded book LSTM, H=8).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll bench" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll bench" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll serve" -eq 1' -fa 'run' -d 'Serve the tutor over SSH to a class: students follow the teacher\'s steps and answer live polls.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_positional "unroll serve" -eq 1' -fa 'report' -d 'Print the class record: per question the share right, per student their answers (or every answer as CSV).'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" port' -l 'port' -d 'The TCP port to listen on.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" listen' -l 'listen' -d 'The address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (the network).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" state' -l 'state' -d 'The state folder: host key and class record.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" class-code' -l 'class-code' -d 'The password students type (generated when not given).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" teacher-keys' -l 'teacher-keys' -d 'An authorized_keys file of the teachers\' public keys.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" max-connections' -l 'max-connections' -d 'Open connections at once.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" max-sessions' -l 'max-sessions' -d 'Tutor sessions at once.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" idle-timeout' -l 'idle-timeout' -d 'Seconds without a key before a session is closed.' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" lessons' -l 'lessons' -d 'A folder of lesson files (and models/) laid over the built-in lessons (default: $UNROLL_LESSONS).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve report" state' -l 'state' -d 'The state folder (as given to unroll serve).' -rfka ''
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve report" csv' -l 'csv' -d 'Every answer as CSV, one row each.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve report" version' -l 'version' -d 'Show the version.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll serve report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'unroll' -n '__unroll_should_offer_completions_for_flags_or_options "unroll help" version' -l 'version' -d 'Show the version.'
