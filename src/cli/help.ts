// The usage texts. Kept together so `--help`, `help <command>` and usage errors say the same thing.
import { POD_CIDR_HELP } from './analysisOptions';

export const MAIN_HELP = `netpol — analyze Kubernetes NetworkPolicies: which connections they allow, and why

Usage:
  netpol analyze <paths...> [options]        list every allowed connection
  netpol explain <paths...> --from A --to B --port N [options]
                                             say why one connection is allowed or denied
  netpol diff <old paths...> -- <new paths...> [options]
                                             list the flows added, removed or changed between two trees
  netpol check <paths...> --expect <file> [options]
                                             check a file of expected verdicts
  netpol lint <paths...> [options]           find common mistakes in the policies
  netpol flows check <capture> --policies <paths...> [options]
                                             judge observed traffic (Hubble, CSV) against the policies
  netpol generate --from-flows <capture> [paths...] [options]
                                             least-privilege policies from observed traffic
  netpol lesson check <file>                 play a lesson file with its solutions and run its checks
  netpol help [command]                      show help for a command
  netpol --version                           print the version

Paths are manifest files or folders (read recursively: .yaml, .yml, .json); - reads standard input.
Only regular files are read, none over --max-file-size <size> (default 256M; every command takes it).
Run 'netpol <command> --help' for the options of a command.
`;

const EXIT_CODES = `Exit status:
  0  the analysis ran and the input had no errors (warnings do not count)
  2  bad usage, or an error in the input: a missing, refused (not a regular file) or oversized file
     (--max-file-size, default 256M), malformed YAML, a policy of an unknown apiVersion, an invalid
     field (bad CIDR, unknown protocol, invalid label, ...). The documents that are valid are still analyzed and the result is printed
     before exiting with 2, so one broken file does not hide the rest.
  3  an internal error (a bug in netpol: please report it with the input)
Diagnostics go to stderr as 'file:line:column: severity: message'; info messages (such as skipped
kinds) only with --verbose.`;

export const ANALYZE_HELP = `Usage: netpol analyze <paths...> [options]

Lists every ordered pair of endpoints (workloads as namespace/name[Kind], and outside addresses as IP
ranges) with the connections the policies allow between them, one per line, like netpol-analyzer.

Paths: manifest files, folders (read recursively: .yaml, .yml, .json), or - for standard input.

Options:
  --format <txt|json|csv|md|dot>  output format (default txt):
                                    txt   'src => dst : conn' lines
                                    json  an array of {"src", "dst", "conn"}
                                    csv   'src,dst,conn' with a header (RFC 4180)
                                    md    a Markdown table
                                    dot   a Graphviz digraph, namespaces as clusters
  --summary                       instead of the listing, counts: allowed connections, workloads
                                  isolated or not per direction, and a table per namespace (txt, json,
                                  csv, md)
  --group-by <namespace|workload> instead of the listing, one row per ordered pair of namespaces (each
                                  outside address range on its own) with how many of its endpoint pairs
                                  are allowed and the union of their connections; or one row per
                                  workload with how many endpoints it reaches and is reached from, and
                                  whether it is isolated for ingress and egress (txt, json, csv, md)
  --ipblock-matches-pod-ips       let ipBlock peers match pods by their status.podIPs (Calico and the
                                  upstream e2e tests); by default they never match pods (Cilium,
                                  netpol-analyzer)
${POD_CIDR_HELP}
  -o, --output <file>             write the result to a file instead of stdout
  -v, --verbose                   also print info diagnostics
  -h, --help                      show this help

${EXIT_CODES}
`;

export const EXPLAIN_HELP = `Usage: netpol explain <paths...> --from <endpoint> --to <endpoint> --port <n|name> [options]

Says whether one connection is allowed and why: which policies isolate the source for egress and the
destination for ingress, and which rule of which policy allows each side, or that none does.

Endpoints: a workload as namespace/name or namespace/name[Kind], or an IP address outside the cluster.

Options:
  --from <endpoint>               the source (required)
  --to <endpoint>                 the destination (required)
  --port <n|name>                 the destination port, 1-65535, or a container port name of the
                                  destination (required)
  --protocol <TCP|UDP|SCTP>       the protocol (default TCP)
  --format <txt|json>             output format (default txt)
  --ipblock-matches-pod-ips       let ipBlock peers match pods by their status.podIPs
${POD_CIDR_HELP}
  -o, --output <file>             write the result to a file instead of stdout
  -v, --verbose                   also print info diagnostics
  -h, --help                      show this help

${EXIT_CODES}
`;
