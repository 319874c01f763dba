# SummitBot: a static binary with the default corpus embedded, run as a
# non-root user, its index and state on a volume.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/summitbot ./cmd/summitbot
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot AS runtime
COPY --from=build /out/summitbot /usr/local/bin/summitbot
COPY --from=build --chown=65532:65532 /out/data /data
ENV SUMMITBOT_DATA_DIR=/data \
    SUMMITBOT_METRICS_ADDR=:9090 \
    SUMMITBOT_LOG_FORMAT=json
VOLUME ["/data"]
USER 65532:65532
EXPOSE 8443 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/summitbot", "health"]
ENTRYPOINT ["/usr/local/bin/summitbot"]
CMD ["serve"]
