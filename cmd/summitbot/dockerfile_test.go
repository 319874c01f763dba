package main

import (
	"bufio"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// instruction is one line of a Dockerfile, continuations joined.
type instruction struct {
	line int
	cmd  string // upper case: FROM, RUN…
	args string
}

func parseDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []instruction
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if cur.Len() == 0 && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(line, "\\") {
			cur.WriteString(strings.TrimSuffix(line, "\\") + " ")
			continue
		}
		cur.WriteString(line)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{start, strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	return out
}

// TestDockerfile lints the Dockerfile: no Docker engine runs here, so its
// rules are checked on the text, and its build command is run as is.
func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, "../../Dockerfile")
	known := map[string]bool{"FROM": true, "WORKDIR": true, "COPY": true, "RUN": true, "ARG": true, "ENV": true,
		"VOLUME": true, "USER": true, "EXPOSE": true, "HEALTHCHECK": true, "ENTRYPOINT": true, "CMD": true, "LABEL": true}
	var stages []string
	var build string
	final := map[string]string{} // instructions of the last stage
	for _, in := range ins {
		if !known[in.cmd] {
			t.Errorf("line %d: unknown or unwanted instruction %s", in.line, in.cmd)
		}
		switch in.cmd {
		case "FROM":
			f := strings.Fields(in.args)
			if len(f) != 3 || !strings.EqualFold(f[1], "AS") {
				t.Errorf("line %d: every stage is named (FROM image AS name)", in.line)
			}
			if strings.HasSuffix(f[0], ":latest") || !strings.Contains(f[0], ":") {
				t.Errorf("line %d: image %s is not pinned to a version", in.line, f[0])
			}
			stages = append(stages, f[len(f)-1])
			final = map[string]string{}
		case "RUN":
			if strings.Contains(in.args, "go build") {
				build = in.args
			}
			if strings.Contains(in.args, "curl ") || strings.Contains(in.args, "wget ") {
				t.Errorf("line %d: downloads outside the Go module proxy", in.line)
			}
		case "COPY":
			if strings.Contains(in.args, "http://") || strings.Contains(in.args, "https://") {
				t.Errorf("line %d: COPY of a URL", in.line)
			}
		}
		final[in.cmd] += in.args + "\n"
	}
	if len(stages) < 2 {
		t.Fatalf("stages %v: want a build stage and a runtime stage", stages)
	}
	if u := strings.TrimSpace(final["USER"]); u == "" || u == "root" || strings.HasPrefix(u, "0") {
		t.Errorf("the runtime stage runs as %q, want a non-root user", u)
	}
	for _, want := range []struct{ cmd, text string }{
		{"HEALTHCHECK", "summitbot\", \"health\""}, {"CMD", `["serve"]`}, {"VOLUME", "/data"},
		{"ENV", "SUMMITBOT_DATA_DIR=/data"}, {"COPY", "--from=build"}, {"ENTRYPOINT", "summitbot"},
	} {
		if !strings.Contains(final[want.cmd], want.text) {
			t.Errorf("the runtime stage's %s lacks %s", want.cmd, want.text)
		}
	}
	if build == "" {
		t.Fatal("no RUN go build in the Dockerfile")
	}
	t.Run("BuildCommandMakesAStaticBinary", func(t *testing.T) {
		// Building the release binary takes a minute on a cold cache: .ci/run
		// runs this step on its own, go test ./... does not.
		if os.Getenv("SUMMITBOT_TEST_DOCKER_BUILD") != "1" {
			t.Skip("builds the release binary; set SUMMITBOT_TEST_DOCKER_BUILD=1 (as .ci/run does)")
		}
		out := filepath.Join(t.TempDir(), "summitbot")
		cmdline := regexp.MustCompile(`-o \S+`).ReplaceAllString(build, "-o "+out)
		cmdline = strings.ReplaceAll(cmdline, "${VERSION}", "dockertest")
		cmd := exec.Command("sh", "-c", cmdline)
		cmd.Dir = "../.."
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", cmdline, err, b)
		}
		f, err := elf.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Error("the binary needs a dynamic loader; the runtime image has none")
			}
		}
		v, err := exec.Command(out, "version").Output()
		if err != nil || !strings.Contains(string(v), "dockertest") {
			t.Errorf("version: %v %s", err, v)
		}
	})
}
