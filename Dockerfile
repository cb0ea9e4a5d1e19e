# syntax=docker/dockerfile:1
# Cruddur's server as a container image for ECS Fargate (docs/deploy.md).
#
#   docker build -t cruddur .
#   docker run --rm -p 127.0.0.1:4567:4567 -e DATABASE_URL=... -e COGNITO_USER_POOL_ID=... -e COGNITO_CLIENT_ID=... cruddur
#
# No container runs on the machine this project is built on: what the image runs is proven by
# running the same jar with the same command, environment and health check outside a container
# (bench/cluster.sh, ClusterIT).

# --- build: the project's own Maven wrapper on the JDK the project compiles with -------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The shaded jar of the command line (cruddur serve, cruddur db ...); tests run in CI, not here.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -pl cli -am package \
    && cp cli/target/cruddur.jar /cruddur.jar

# --- run: a JRE, the jar, an unprivileged user ------------------------------------------------
# Java 25, on which the benchmarks (and so the capacity table in docs/deploy.md) were measured:
# each request runs on a virtual thread. The jar runs on 17 as well (the tests' default JDK).
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 cruddur \
    && useradd --system --uid 10001 --gid cruddur --home-dir /home/cruddur --create-home cruddur
COPY --from=build /cruddur.jar /app/cruddur.jar
USER cruddur:cruddur
WORKDIR /home/cruddur
# Every interface: the load balancer reaches the task at its own address. PORT is the
# container port the task definition maps and the target group checks.
ENV HOST=0.0.0.0 \
    PORT=4567
EXPOSE 4567
# Liveness, with what the image has (bash's /dev/tcp; no curl needed): 200 from the health
# path, which also says the database answers. ECS runs the task definition's own healthCheck
# (copy this command there); the ALB uses its target group's check (docs/deploy.md).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/"${PORT:-4567}" && printf "GET /api/health-check HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && read -r -t 4 _ status _ <&3 && [ "$status" = 200 ]'
# The JVM is PID 1 and gets the SIGTERM of `docker stop` / ECS itself: requests in flight finish.
CMD ["java", "-jar", "/app/cruddur.jar", "serve"]
