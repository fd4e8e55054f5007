#!/bin/bash

__unroll_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__unroll_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__unroll_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__unroll_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_unroll() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __unroll_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    lesson|lab|gradients|render|trace|convert|train|analyze|list|lint|progress|bench|serve|help)
        # Offer subcommand argument completions
        "_unroll_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'lesson lab gradients render trace convert train analyze list lint progress bench serve help' -- "${cur}"))
        ;;
    esac
}

_unroll_lesson() {
    repeating_flags=()
    non_repeating_flags=(--plain --present --ascii --notes --no-motion --version -h --help)
    repeating_options=()
    non_repeating_options=(-s --step --lessons --profile)
    __unroll_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-s'|'--step')
        return
        ;;
    '--lessons')
        return
        ;;
    '--profile')
        return
        ;;
    esac
}

_unroll_lab() {
    repeating_flags=()
    non_repeating_flags=(--plain --present --ascii --notes --no-motion --version -h --help)
    repeating_options=(--clamp)
    non_repeating_options=(--input -t --step --continue --temperature --seed --lessons --vocab --nonlinearity --head --embedding)
    __unroll_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--input')
        return
        ;;
    '--clamp')
        return
        ;;
    '-t'|'--step')
        return
        ;;
    '--continue')
        return
        ;;
    '--temperature')
        return
        ;;
    '--seed')
        return
        ;;
    '--lessons')
        return
        ;;
    '--vocab')
        return
        ;;
    '--nonlinearity')
        return
        ;;
    '--head')
        return
        ;;
    '--embedding')
        return
        ;;
    esac
}

_unroll_gradients() {
    repeating_flags=()
    non_repeating_flags=(--plain --present --ascii --notes --no-motion --version -h --help)
    repeating_options=(--delays)
    non_repeating_options=(--model --input --targets --tensor --scale --n --function --steps --hidden --seed --frame)
    __unroll_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--model')
        return
        ;;
    '--input')
        return
        ;;
    '--targets')
        return
        ;;
    '--tensor')
        return
        ;;
    '--scale')
        return
        ;;
    '--n')
        return
        ;;
    '--function')
        __unroll_add_completions -W 'sigmoid'$'\n''tanh'$'\n''relu'
        return
        ;;
    '--delays')
        return
        ;;
    '--steps')
        return
        ;;
    '--hidden')
        return
        ;;
    '--seed')
        return
        ;;
    '--frame')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __unroll_add_completions -W 'vanishing'$'\n''bptt'$'\n''race'
        return
        ;;
    esac
}

_unroll_render() {
    repeating_flags=()
    non_repeating_flags=(--present --ascii --explain --version -h --help)
    repeating_options=(--clamp)
    non_repeating_options=(--lesson --lesson-step --input -t --step --size --format --colors --lessons)
    __unroll_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--lesson')
        return
        ;;
    '--lesson-step')
        return
        ;;
    '--input')
        return
        ;;
    '--clamp')
        return
        ;;
    '-t'|'--step')
        return
        ;;
    '--size')
        return
        ;;
    '--format')
        __unroll_add_completions -W 'text'$'\n''ansi'$'\n''svg'$'\n''html'
        return
        ;;
    '--colors')
        return
        ;;
    '--lessons')
        return
        ;;
    esac
}

_unroll_trace() {
    repeating_flags=()
    non_repeating_flags=(--grad --feed-predictions --pretty --version -h --help)
    repeating_options=(--clamp)
    non_repeating_options=(--input --targets --vocab --nonlinearity --head --embedding)
    __unroll_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--input')
        return
        ;;
    '--targets')
        return
        ;;
    '--clamp')
        return
        ;;
    '--vocab')
        return
        ;;
    '--nonlinearity')
        return
        ;;
    '--head')
        return
        ;;
    '--embedding')
        return
        ;;
    esac
}

_unroll_convert() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--vocab --nonlinearity --head --embedding)
    __unroll_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--vocab')
        return
        ;;
    '--nonlinearity')
        return
        ;;
    '--head')
        return
        ;;
    '--embedding')
        return
        ;;
    esac
}

_unroll_train() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--column --level --length --window --cell --hidden --epochs --lr --seed --optimizer --clip --bptt --delay --nonlinearity --forget-bias --out)
    __unroll_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--column')
        return
        ;;
    '--level')
        __unroll_add_completions -W 'word'$'\n''char'
        return
        ;;
    '--length')
        return
        ;;
    '--window')
        return
        ;;
    '--cell')
        __unroll_add_completions -W 'rnn'$'\n''lstm'$'\n''gru'
        return
        ;;
    '--hidden')
        return
        ;;
    '--epochs')
        return
        ;;
    '--lr')
        return
        ;;
    '--seed')
        return
        ;;
    '--optimizer')
        __unroll_add_completions -W 'sgd'$'\n''adam'
        return
        ;;
    '--clip')
        return
        ;;
    '--bptt')
        return
        ;;
    '--delay')
        return
        ;;
    '--nonlinearity')
        __unroll_add_completions -W 'sigmoid'$'\n''tanh'$'\n''relu'
        return
        ;;
    '--forget-bias')
        return
        ;;
    '--out')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __unroll_add_completions -W 'dinner'$'\n''book'$'\n''race'$'\n''wave'$'\n''csv'$'\n''text'
        return
        ;;
    esac
}

_unroll_analyze() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __unroll_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    vanishing|power|distance|race)
        # Offer subcommand argument completions
        "_unroll_analyze_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'vanishing power distance race' -- "${cur}"))
        ;;
    esac
}

_unroll_analyze_vanishing() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--function --n --from --to --samples)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--function')
        __unroll_add_completions -W 'sigmoid'$'\n''tanh'$'\n''relu'
        return
        ;;
    '--n')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--samples')
        return
        ;;
    esac
}

_unroll_analyze_power() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--model --cell --hidden --inputs --init --radius --seed --gate --scale --steps)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--model')
        return
        ;;
    '--cell')
        __unroll_add_completions -W 'rnn'$'\n''lstm'$'\n''gru'
        return
        ;;
    '--hidden')
        return
        ;;
    '--inputs')
        return
        ;;
    '--init')
        __unroll_add_completions -W 'random'$'\n''identity'$'\n''orthogonal'
        return
        ;;
    '--radius')
        return
        ;;
    '--seed')
        return
        ;;
    '--gate')
        return
        ;;
    '--scale')
        return
        ;;
    '--steps')
        return
        ;;
    esac
}

_unroll_analyze_distance() {
    repeating_flags=()
    non_repeating_flags=(--compare --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--model --cell --hidden --inputs --init --radius --seed --function --input --length --target)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--model')
        return
        ;;
    '--cell')
        __unroll_add_completions -W 'rnn'$'\n''lstm'$'\n''gru'
        return
        ;;
    '--hidden')
        return
        ;;
    '--inputs')
        return
        ;;
    '--init')
        __unroll_add_completions -W 'random'$'\n''identity'$'\n''orthogonal'
        return
        ;;
    '--radius')
        return
        ;;
    '--seed')
        return
        ;;
    '--function')
        __unroll_add_completions -W 'sigmoid'$'\n''tanh'$'\n''relu'
        return
        ;;
    '--input')
        return
        ;;
    '--length')
        return
        ;;
    '--target')
        return
        ;;
    esac
}

_unroll_analyze_race() {
    repeating_flags=()
    non_repeating_flags=(--quiet --json --version -h --help)
    repeating_options=(--delays --cells)
    non_repeating_options=(--hidden --steps --batch --lr --seed --function --clip --forget-bias --threads)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--delays')
        return
        ;;
    '--cells')
        return
        ;;
    '--hidden')
        return
        ;;
    '--steps')
        return
        ;;
    '--batch')
        return
        ;;
    '--lr')
        return
        ;;
    '--seed')
        return
        ;;
    '--function')
        __unroll_add_completions -W 'sigmoid'$'\n''tanh'$'\n''relu'
        return
        ;;
    '--clip')
        return
        ;;
    '--forget-bias')
        return
        ;;
    '--threads')
        return
        ;;
    esac
}

_unroll_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--lessons)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lessons')
        return
        ;;
    esac
}

_unroll_lint() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __unroll_offer_flags_options -1
}

_unroll_progress() {
    repeating_flags=()
    non_repeating_flags=(--reset --version -h --help)
    repeating_options=()
    non_repeating_options=(--lessons --profile)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lessons')
        return
        ;;
    '--profile')
        return
        ;;
    esac
}

_unroll_bench() {
    repeating_flags=()
    non_repeating_flags=(--json --no-race --version -h --help)
    repeating_options=()
    non_repeating_options=(--epochs --repeats --model)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--epochs')
        return
        ;;
    '--repeats')
        return
        ;;
    '--model')
        return
        ;;
    esac
}

_unroll_serve() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __unroll_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|report)
        # Offer subcommand argument completions
        "_unroll_serve_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run report' -- "${cur}"))
        ;;
    esac
}

_unroll_serve_run() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--port --listen --state --class-code --teacher-keys --max-connections --max-sessions --idle-timeout --lessons)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--port')
        return
        ;;
    '--listen')
        return
        ;;
    '--state')
        return
        ;;
    '--class-code')
        return
        ;;
    '--teacher-keys')
        return
        ;;
    '--max-connections')
        return
        ;;
    '--max-sessions')
        return
        ;;
    '--idle-timeout')
        return
        ;;
    '--lessons')
        return
        ;;
    esac
}

_unroll_serve_report() {
    repeating_flags=()
    non_repeating_flags=(--csv --version -h --help)
    repeating_options=()
    non_repeating_options=(--state)
    __unroll_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state')
        return
        ;;
    esac
}

_unroll_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __unroll_offer_flags_options -1
}

complete -o filenames -F _unroll unroll
