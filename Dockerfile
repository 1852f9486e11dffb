# A small image for stride serve. Build: docker build -t stride .
# Run:   docker run -p 8080:8080 -v stride-data:/data stride
# Not built in CI: the machines it runs on have no Docker engine. CI
# checks what the image relies on instead (.ci/run): this build command,
# and the binary serving as user 65532 on a /data that user owns.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /stride ./cmd/stride
# An empty /data for the volume: a volume mounted where the image has no
# directory belongs to root, and the nonroot user could not create the
# database in it.
RUN mkdir /data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /stride /stride
COPY --from=build --chown=65532:65532 /data /data
VOLUME /data
ENV STRIDE_DB=/data/stride.db STRIDE_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/stride", "serve"]
