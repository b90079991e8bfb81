Feature: Horizontal pod autoscaling
  The tutorial names autoscaling among the mechanisms of ReplicaSets and Deployments. A
  HorizontalPodAutoscaler compares the CPU its target's pods use with what they request, and every
  15 seconds sets the target's replicas so that the ratio comes near its target: up under load,
  back down once the load is gone, always between --min and --max. Usage comes from a simulated
  metrics-server: each image's idle usage, what a step says, and simulated HTTP traffic (10 ms of
  CPU per request, shared by the ready pods, as a Service would share it).

  Background:
    Given the tutorial cluster
    And I run "kubectl apply -f php-apache.yaml"
    And the cluster settles

  @CTRL-9
  Scenario: kubectl autoscale scales a Deployment up under load and back down after it
    When I run "kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=5"
    Then the output is "horizontalpodautoscaler.autoscaling/php-apache autoscaled"
    # The controller first looks 15 seconds after the autoscaler appears.
    When I run "kubectl get hpa"
    Then the output is:
      """
      NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
      php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         5         0          0s
      """
    When 1 minute passes
    And I run "kubectl get hpa"
    Then the output is:
      """
      NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE
      php-apache   Deployment/php-apache   cpu: 0%/50%   1         5         1          60s
      """
    # 100 requests a second cost a whole CPU: five times what one pod requests, ten times the target.
    When pods matching "run=php-apache" receive 100 requests per second
    And 2 minutes pass
    And I run "kubectl get hpa"
    Then the output is:
      """
      NAME         REFERENCE               TARGETS         MINPODS   MAXPODS   REPLICAS   AGE
      php-apache   Deployment/php-apache   cpu: 100%/50%   1         5         5          3m
      """
    And 5 pods match "run=php-apache"
    When I run "kubectl describe hpa php-apache"
    Then the output includes:
      """
      Metrics:                                               ( current / target )
        resource cpu on pods  (as a percentage of request):  100% (201m) / 50%
      Min replicas:                                          1
      Max replicas:                                          5
      Deployment pods:                                       5 current / 5 desired
      Conditions:
        Type            Status  Reason            Message
        ----            ------  ------            -------
        AbleToScale     True    ReadyForNewScale  recommended size matches current size
        ScalingActive   True    ValidMetricFound  the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
        ScalingLimited  True    TooManyReplicas   the desired replica count is more than the maximum replica count
      """
    # Scaling down waits until no recommendation of the last five minutes asks for more.
    When the load on pods matching "run=php-apache" stops
    And 4 minutes pass
    Then 5 pods match "run=php-apache"
    When 2 minutes pass
    Then 1 pod matches "run=php-apache"
    When I run "kubectl get hpa"
    Then the output is:
      """
      NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE
      php-apache   Deployment/php-apache   cpu: 0%/50%   1         5         1          9m
      """
    When I run "kubectl describe hpa php-apache"
    Then the output includes:
      """
      Events:
        Type    Reason             Age    From                       Message
        ----    ------             ----   ----                       -------
        Normal  SuccessfulRescale  7m45s  horizontal-pod-autoscaler  New size: 4; reason: cpu resource utilization (percentage of request) above target
        Normal  SuccessfulRescale  7m30s  horizontal-pod-autoscaler  New size: 5; reason:
        Normal  SuccessfulRescale  45s    horizontal-pod-autoscaler  New size: 1; reason: All metrics below target
      """

  Scenario: kubectl top shows the usage metrics-server reports
    When I run "kubectl top pods"
    Then the command fails with "error: metrics not available yet"
    # CPU is a rate between two scrapes: a pod has metrics once it has run for 15 seconds.
    When 15 seconds pass
    And I run "kubectl top pods"
    Then the output shows:
      | NAME                        | CPU(cores) | MEMORY(bytes) |
      | php-apache-{hash}-{suffix} | 1m         | 2Mi           |
    Given pods matching "run=php-apache" use 150m of CPU
    When I run "kubectl top pods"
    Then the output shows:
      | NAME                        | CPU(cores) | MEMORY(bytes) |
      | php-apache-{hash}-{suffix} | 150m       | 2Mi           |
    When I run "kubectl top nodes"
    Then the output shows:
      | NAME   | CPU(cores) | CPU(%) | MEMORY(bytes) | MEMORY(%) |
      | master | 60m        | 3%     | 600Mi         | 15%       |
      | node1  | {any}      | {any}  | {any}         | {any}     |
      | node2  | {any}      | {any}  | {any}         | {any}     |

  Scenario: An autoscaler over pods that request no CPU cannot compute a replica count
    When I run "kubectl apply -f myapp.yaml"
    And I run "kubectl autoscale deployment myapp --max=4"
    And 30 seconds pass
    And I run "kubectl get hpa myapp"
    Then the output is:
      """
      NAME    REFERENCE          TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
      myapp   Deployment/myapp   cpu: <unknown>/80%   1         4         2          30s
      """
    When I run "kubectl describe hpa myapp"
    Then the output includes:
      """
        ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container myapp of Pod {...}
      """
    And the output includes:
      """
        Warning  FailedGetResourceMetric       {...}
      """

  Scenario: A behavior limits how fast the autoscaler scales
    When I run "kubectl apply -f hpa-behavior.yaml"
    And pods matching "run=php-apache" receive 100 requests per second
    # One pod at the first look (15 s), the next once that one is a minute old (75 s), and so on.
    And 1 minute passes
    Then 2 pods match "run=php-apache"
    When 1 minute passes
    Then 3 pods match "run=php-apache"
    When I run "kubectl describe hpa php-apache"
    Then the output includes:
      """
      Behavior:
        Scale Up:
          Stabilization Window: 0 seconds
          Select Policy: Max
          Policies:
            - Type: Pods  Value: 1  Period: 60 seconds
        Scale Down:
          Stabilization Window: 60 seconds
          Select Policy: Max
          Policies:
            - Type: Percent  Value: 100  Period: 15 seconds
      """

  Scenario: An autoscaling/v1 manifest is stored as autoscaling/v2
    When I run "kubectl apply -f hpa-v1.yaml"
    Then the output is "horizontalpodautoscaler.autoscaling/php-apache created"
    And the HorizontalPodAutoscaler "php-apache" has:
      """
      apiVersion: autoscaling/v2
      spec:
        minReplicas: 2
        maxReplicas: 4
        metrics:
        - type: Resource
          resource:
            name: cpu
            target:
              type: Utilization
              averageUtilization: 60
      """

  Scenario: Bad autoscaler requests get the API server's and kubectl's answers
    Then I note the state of the cluster
    When I run "kubectl create -f hpa-invalid.yaml"
    Then the command fails with:
      """
      The HorizontalPodAutoscaler "broken" is invalid: 
      * spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`
      * spec.scaleTargetRef.name: Required value
      """
    When I run "kubectl autoscale deployment php-apache --max=0"
    Then the command fails with "error: --max=MAXPODS is required and must be at least 1, max: 0"
    When I run "kubectl autoscale deployment php-apache --min=3 --max=2"
    Then the command fails with "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3"
    When I run "kubectl get pods -o name" and remember the output as POD
    And I run "kubectl autoscale $POD --max=2"
    Then the command fails with "error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information"
    And the cluster is unchanged
