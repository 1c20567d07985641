{{/*
A pipeline stage (generator, filter, trainer, judge): a Deployment consuming its RabbitMQ queue, writing to the
artifact store, serving its own gRPC API (samsara.v1.GeneratorService, …; h2c) and grpc.health.v1 (the probes) on port "grpc", and
/health/live, /health/ready and /metrics on its HTTP/1.1 port "http". Called with
(dict "root" $ "component" "judge" "values" .Values.judge), and optionally "env": more env entries, as YAML.
*/}}
{{- define "samsara.worker" -}}
{{- $root := .root }}
{{- $v := .values }}
{{- $gpus := int (default 0 $v.gpus) }}
{{- $autoscaled := and $v.autoscaling $v.autoscaling.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "samsara.componentName" . }}
  labels:
    {{- include "samsara.labels" . | nindent 4 }}
spec:
  {{- if not $autoscaled }}
  replicas: {{ $v.replicas }}
  {{- end }}
  revisionHistoryLimit: 3
  {{- if gt $gpus 0 }}
  # A rollout must not need a spare GPU: stop an old pod before starting its replacement.
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}
  {{- end }}
  selector:
    matchLabels:
      {{- include "samsara.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "samsara.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        {{- include "samsara.scrapeAnnotations" (dict "root" $root "port" 8080) | nindent 8 }}
    spec:
      serviceAccountName: {{ include "samsara.serviceAccountName" $root }}
      automountServiceAccountToken: {{ $root.Values.serviceAccount.automountToken }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "samsara.podSecurityContext" . | nindent 8 }}
      {{- with $v.terminationGracePeriodSeconds }}
      terminationGracePeriodSeconds: {{ . }}
      {{- end }}
      {{- if gt $gpus 0 }}
      {{- include "samsara.gpuScheduling" . | nindent 6 }}
      {{- else }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "samsara.image" . }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: grpc
              containerPort: {{ $root.Values.stages.grpcPort }}
              protocol: TCP
            - name: http
              containerPort: {{ $root.Values.stages.httpPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "samsara.componentName" (dict "root" $root "component" "config") }}
            # Grpc__ApiKeys__N__Name / __Sha256 / __Admin: who may call this stage's gRPC API (none: every call is refused).
            - secretRef:
                name: {{ ternary (include "samsara.componentName" (dict "root" $root "component" "stage-api-keys")) $root.Values.stages.apiKeys.existingSecret (gt (len $root.Values.gateway.apiKeys.keys) 0) }}
                optional: true
          env:
            # gRPC clients and the kubelet's gRPC probes speak HTTP/2 with prior knowledge; HTTP/1.1 (the image's
            # HEALTHCHECK, Prometheus scrapes) is served on the second port.
            - name: Kestrel__Endpoints__Grpc__Url
              value: "http://+:{{ $root.Values.stages.grpcPort }}"
            - name: Kestrel__Endpoints__Http__Url
              value: "http://+:{{ $root.Values.stages.httpPort }}"
            - name: Kestrel__Endpoints__Http__Protocols
              value: Http1
            - name: Artifacts__Root
              value: {{ $root.Values.artifacts.mountPath | quote }}
            {{- if $v.concurrentTasks }}
            # Evaluation tasks this replica takes from its queue at once (its prefetch too).
            - name: Judging__ConcurrentTasks
              value: {{ $v.concurrentTasks | quote }}
            {{- end }}
            {{- include "samsara.rabbitmqEnv" $root | nindent 12 }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
          {{- include "samsara.probes" (dict "port" $root.Values.stages.grpcPort) | nindent 10 }}
          resources:
            requests:
              {{- toYaml $v.resources.requests | nindent 14 }}
            limits:
              {{- toYaml $v.resources.limits | nindent 14 }}
              {{- if gt $gpus 0 }}
              {{ $root.Values.gpu.resourceName }}: {{ $gpus }}
              {{- end }}
          securityContext:
            {{- include "samsara.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            {{- include "samsara.commonVolumeMounts" $root | nindent 12 }}
      volumes:
        {{- include "samsara.commonVolumes" $root | nindent 8 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "samsara.componentName" . }}
  labels:
    {{- include "samsara.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "samsara.selectorLabels" . | nindent 4 }}
  ports:
    - name: grpc
      port: {{ $root.Values.stages.grpcPort }}
      targetPort: grpc
      protocol: TCP
    - name: http
      port: {{ $root.Values.stages.httpPort }}
      targetPort: http
      protocol: TCP
{{- end }}
