import { OPTIONS } from './args.js';

/** The command names: one-word commands, and groups with their verbs. */
export interface Registry {
  single: string[];
  groups: Record<string, string[]>;
}

const options = () => Object.keys(OPTIONS).map((o) => `--${o}`).join(' ');

/**
 * A completion script, printed for the shell to load: commands, then a group's verbs, then
 * options. Install with `keyward completion bash > /etc/bash_completion.d/keyward` or
 * `source <(keyward completion zsh)`.
 */
export function completionScript(shell: string, registry: Registry): string | undefined {
  const top = [...registry.single, ...Object.keys(registry.groups), 'completion'].sort().join(' ');
  const verbCases = Object.entries(registry.groups).map(([group, verbs]) => `    ${group}) verbs="${verbs.join(' ')}" ;;`).join('\n');
  if (shell === 'bash') {
    return `# keyward completion for bash
_keyward() {
  local cur=\${COMP_WORDS[COMP_CWORD]} verbs=""
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${options()}" -- "$cur")); return
  fi
  if (( COMP_CWORD == 1 )); then
    COMPREPLY=($(compgen -W "${top}" -- "$cur")); return
  fi
  case \${COMP_WORDS[1]} in
${verbCases}
    completion) verbs="bash zsh" ;;
    backup) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if (( COMP_CWORD == 2 )) && [[ -n $verbs ]]; then
    COMPREPLY=($(compgen -W "$verbs" -- "$cur")); return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _keyward keyward
`;
  }
  if (shell === 'zsh') {
    return `#compdef keyward
# keyward completion for zsh
_keyward() {
  local verbs=""
  if [[ $words[CURRENT] == -* ]]; then
    compadd -- ${options()}; return
  fi
  if (( CURRENT == 2 )); then
    compadd -- ${top}; return
  fi
  case $words[2] in
${verbCases.replace(/\) verbs=/g, ') verbs=')}
    completion) verbs="bash zsh" ;;
  esac
  if (( CURRENT == 3 )) && [[ -n $verbs ]]; then
    compadd -- \${=verbs}; return
  fi
  _files
}
compdef _keyward keyward
`;
  }
  return undefined;
}
