# One image recipe for every Java module: docker compose builds it once per service with MODULE set.
# Build the jars first (mvn -DskipTests package); the image only carries the runnable jar.
FROM eclipse-temurin:17-jre
ARG MODULE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 plantracker \
 && mkdir -p /var/lib/plan-tracker && chown plantracker /var/lib/plan-tracker
COPY ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar /app/app.jar
USER plantracker
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
