Feature: Deployment (tutorial section 3)
  A Deployment manages ReplicaSets, which manage pods: a template change makes a new ReplicaSet
  and moves pods to it as the strategy allows; the old ReplicaSets stay for rollbacks. The
  tutorial's kubectl 1.11 printed `deployment.extensions/...` and the old `get deploy` columns
  (DESIRED CURRENT UP-TO-DATE AVAILABLE); kubectl 1.32 prints `deployment.apps/...` and
  NAME READY UP-TO-DATE AVAILABLE AGE, and pod-template-hash values are short strings such as
  `5d9c7b6f8d`, no longer the decimal numbers in the tutorial's `get rs -o wide`.

  Background:
    Given the tutorial cluster

  @DEP-1 @CTRL-2
  Scenario: A Deployment makes a ReplicaSet, which makes the pods
    When I run "kubectl apply -f deploy-damo.yaml"
    Then the output is "deployment.apps/myapp-deploy created"
    When 14 seconds pass
    And I run "kubectl get deploy"
    Then the output is:
      """
      NAME           READY   UP-TO-DATE   AVAILABLE   AGE
      myapp-deploy   2/2     2            2           14s
      """
    When I run "kubectl get rs"
    Then the output shows:
      | NAME                | DESIRED | CURRENT | READY | AGE |
      | myapp-deploy-{hash} | 2       | 2       | 2     | 14s |
    When I run "kubectl get pods"
    Then the output shows:
      | NAME                         | READY | STATUS  | RESTARTS | AGE |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Running | 0        | 14s |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Running | 0        | 14s |
    And the ReplicaSet of deployment "myapp-deploy" is owned by it

  @DEP-2
  Scenario: apply can be repeated; create cannot
    When I run "kubectl apply -f deploy-damo.yaml"
    And I run "kubectl apply -f deploy-damo.yaml"
    Then the output is "deployment.apps/myapp-deploy unchanged"
    When I run "kubectl create -f deploy-damo.yaml"
    Then the command fails with:
      """
      Error from server (AlreadyExists): error when creating "deploy-damo.yaml": deployments.apps "myapp-deploy" already exists
      """

  @DEP-3
  Scenario: Scale by editing replicas in the file and applying it again: same ReplicaSet, one more pod
    When I run "kubectl apply -f deploy-damo.yaml"
    And the cluster settles
    And I run "kubectl get rs -o name" and remember the output as RS
    And I run "kubectl apply -f deploy-damo-replicas-3.yaml"
    Then the output is "deployment.apps/myapp-deploy configured"
    When the cluster settles
    And I run "kubectl get rs -o name"
    Then the output is "$RS"
    And 3 pods match "app=myapp,release=canary"

  @DEP-4
  Scenario: Scale with kubectl patch
    When I run "kubectl apply -f deploy-damo.yaml"
    And the cluster settles
    And I run:
      """
      kubectl patch deployment myapp-deploy -p '{"spec":{"replicas":5}}'
      """
    Then the output is "deployment.apps/myapp-deploy patched"
    When the cluster settles
    And I run "kubectl get deploy"
    Then the output shows:
      | NAME         | READY | UP-TO-DATE | AVAILABLE |
      | myapp-deploy | 5/5   | 5          | 5         |
    And 5 pods match "app=myapp,release=canary"

  @DEP-5
  Scenario: A new image in the file rolls pods over to a new ReplicaSet, watched with get pods -w
    When I run "kubectl apply -f deploy-damo-replicas-3.yaml"
    And the cluster settles
    And I watch "kubectl get pods -w" while I run "kubectl apply -f deploy-damo-v2.yaml"
    And the cluster settles
    # The watch shows the rolling update step by step: a new pod starts, an old one goes.
    Then the watch shows, in order:
      | NAME                         | READY | STATUS            |
      | myapp-deploy-{hash}-{suffix} | 0/1   | Pending           |
      | myapp-deploy-{hash}-{suffix} | 0/1   | ContainerCreating |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Running           |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Terminating       |
    And every pod matching "app=myapp" has:
      """
      spec:
        containers:
        - image: ikubernetes/myapp:v2
      """
    When I run "kubectl get rs"
    Then the output shows, in any order:
      | NAME                | DESIRED | CURRENT | READY |
      | myapp-deploy-{hash} | 0       | 0       | 0     |
      | myapp-deploy-{hash} | 3       | 3       | 3     |
    When I run "curl $(kubectl get pods -o jsonpath={.items[0].status.podIP})"
    Then the output is:
      """
      Hello MyApp | Version: v2 | <a href="hostname.html">Pod Name</a>
      """

  @DEP-6
  Scenario: maxSurge 1, maxUnavailable 0: a rollout never drops below the desired number of available pods
    When I run "kubectl apply -f deploy-damo.yaml"
    And I run:
      """
      kubectl patch deployment myapp-deploy -p '{"spec":{"replicas":5,"strategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}'
      """
    Then the output is "deployment.apps/myapp-deploy patched"
    When the cluster settles
    And I run "kubectl describe deployment myapp-deploy"
    Then the output includes:
      """
      StrategyType:           RollingUpdate
      MinReadySeconds:        0
      RollingUpdateStrategy:  0 max unavailable, 1 max surge
      """
    When I run "kubectl set image deployment myapp-deploy myapp=ikubernetes/myapp:v2"
    And the cluster settles
    Then during the rollout at least 5 pods were available at every moment
    And at most 6 pods existed at any moment
    And pods were replaced one at a time

  @DEP-7
  Scenario: A canary: one new pod, paused; then resumed, and rollout status follows it to the end
    When I run "kubectl apply -f deploy-damo.yaml"
    And I run:
      """
      kubectl patch deployment myapp-deploy -p '{"spec":{"replicas":5,"strategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}'
      """
    And the cluster settles
    And I run "kubectl set image deployment myapp-deploy myapp=ikubernetes/myapp:v3 && kubectl rollout pause deployment myapp-deploy"
    Then the output is:
      """
      deployment.apps/myapp-deploy image updated
      deployment.apps/myapp-deploy paused
      """
    # Paused, the Deployment keeps the one surge pod it made: five v1 pods beside one v3 canary.
    When 5 minutes pass
    Then 1 pod matches "app=myapp,release=canary,pod-template-hash" with image "ikubernetes/myapp:v3"
    And 5 pods match "app=myapp,release=canary" with image "ikubernetes/myapp:v1"
    When I run "kubectl rollout status deployment myapp-deploy --timeout=10s"
    Then the command fails after printing:
      """
      Waiting for deployment "myapp-deploy" rollout to finish: 1 out of 5 new replicas have been updated...
      """
    And the error output is "error: timed out waiting for the condition"
    When I run "kubectl rollout resume deployment myapp-deploy"
    Then the output is "deployment.apps/myapp-deploy resumed"
    When I run "kubectl rollout status deployment myapp-deploy"
    Then the output includes:
      """
      Waiting for deployment "myapp-deploy" rollout to finish: 2 out of 5 new replicas have been updated...
      """
    And the output includes:
      """
      Waiting for deployment "myapp-deploy" rollout to finish: 1 old replicas are pending termination...
      deployment "myapp-deploy" successfully rolled out
      """
    And every pod matching "app=myapp" has:
      """
      spec:
        containers:
        - image: ikubernetes/myapp:v3
      """

  @DEP-8
  Scenario: rollout history lists revisions 1 2 3; undo to revision 1 renumbers it 4
    When I run "kubectl apply -f deploy-damo.yaml"
    And I run:
      """
      kubectl patch deployment myapp-deploy -p '{"spec":{"replicas":5}}'
      """
    And the cluster settles
    And I run "kubectl set image deployment myapp-deploy myapp=ikubernetes/myapp:v2"
    And the cluster settles
    And I run "kubectl set image deployment myapp-deploy myapp=ikubernetes/myapp:v3"
    And the cluster settles
    And I run "kubectl rollout history deployment myapp-deploy"
    Then the output is:
      """
      deployment.apps/myapp-deploy 
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>
      3         <none>

      """
    When I run "kubectl rollout undo deployment myapp-deploy --to-revision=1"
    Then the output is "deployment.apps/myapp-deploy rolled back"
    When the cluster settles
    And I run "kubectl rollout history deployment myapp-deploy"
    Then the output is:
      """
      deployment.apps/myapp-deploy 
      REVISION  CHANGE-CAUSE
      2         <none>
      3         <none>
      4         <none>

      """
    When I run "kubectl get rs -o wide"
    Then the output shows, in any order:
      | NAME                | DESIRED | CURRENT | READY | CONTAINERS | IMAGES               | SELECTOR                                        |
      | myapp-deploy-{hash} | 5       | 5       | 5     | myapp      | ikubernetes/myapp:v1 | app=myapp,pod-template-hash={hash},release=canary |
      | myapp-deploy-{hash} | 0       | 0       | 0     | myapp      | ikubernetes/myapp:v2 | app=myapp,pod-template-hash={hash},release=canary |
      | myapp-deploy-{hash} | 0       | 0       | 0     | myapp      | ikubernetes/myapp:v3 | app=myapp,pod-template-hash={hash},release=canary |
    When I run "kubectl rollout undo deployment myapp-deploy --to-revision=4"
    Then the output is "deployment.apps/myapp-deploy skipped rollback (current template already matches revision 4)"

  @DEP-9
  Scenario: Recreate: every old pod is gone before the first new one is created
    When I run "kubectl apply -f deploy-recreate.yaml"
    And the cluster settles
    And I run "kubectl set image deployment myapp-recreate myapp=ikubernetes/myapp:v2"
    And the cluster settles
    Then every pod of the old ReplicaSet was gone before the first pod of the new one was created
    And the ReplicaSets of deployment "myapp-recreate" were scaled:
      | v1 | v2 |
      | 3  | -  |
      | 0  | -  |
      | 0  | 3  |
    # No RollingUpdateStrategy line for Recreate, so the labels' column is narrower.
    When I run "kubectl describe deployment myapp-recreate"
    Then the output includes:
      """
      StrategyType:       Recreate
      MinReadySeconds:    0
      Pod Template:
      """

  @DEP-9
  Scenario: revisionHistoryLimit prunes the oldest ReplicaSets
    When I run "kubectl apply -f deploy-history-2.yaml"
    And the cluster settles
    And I run "kubectl set image deployment myapp-history myapp=ikubernetes/myapp:v2"
    And the cluster settles
    And I run "kubectl set image deployment myapp-history myapp=ikubernetes/myapp:v3"
    And the cluster settles
    And I run "kubectl set image deployment myapp-history myapp=ikubernetes/myapp:v4"
    And the cluster settles
    And I run "kubectl rollout history deployment myapp-history"
    Then the output is:
      """
      deployment.apps/myapp-history 
      REVISION  CHANGE-CAUSE
      2         <none>
      3         <none>
      4         <none>

      """
    When I run "kubectl get rs -o wide"
    Then the output shows, in any order:
      | NAME                 | DESIRED | IMAGES               |
      | myapp-history-{hash} | 0       | ikubernetes/myapp:v2 |
      | myapp-history-{hash} | 0       | ikubernetes/myapp:v3 |
      | myapp-history-{hash} | 2       | ikubernetes/myapp:v4 |

  @DEP-9
  Scenario: progressDeadlineSeconds reports a rollout that cannot progress; minReadySeconds delays availability
    When I run "kubectl apply -f deploy-deadline.yaml"
    And 5 seconds pass
    And I run "kubectl get deploy myapp-deadline"
    # Running and ready, but not yet ready for minReadySeconds (10 s): not available.
    Then the output shows:
      | NAME           | READY | UP-TO-DATE | AVAILABLE |
      | myapp-deadline | 2/2   | 2          | 0         |
    When 10 seconds pass
    And I run "kubectl get deploy myapp-deadline"
    Then the output shows:
      | NAME           | READY | UP-TO-DATE | AVAILABLE |
      | myapp-deadline | 2/2   | 2          | 2         |
    When I run "kubectl set image deployment myapp-deadline myapp=ikubernetes/myapp:v9"
    And I run "kubectl rollout status deployment myapp-deadline"
    Then the command fails with:
      """
      error: deployment "myapp-deadline" exceeded its progress deadline
      """
    When I run "kubectl describe deployment myapp-deadline"
    Then the output includes:
      """
      Conditions:
        Type           Status  Reason
        ----           ------  ------
        Available      True    MinimumReplicasAvailable
        Progressing    False   ProgressDeadlineExceeded
      """
    # The rollout is reported, not stopped or rolled back: the old pods keep serving.
    And 2 pods match "app=myapp-deadline" with image "ikubernetes/myapp:v1"

  @DEP-9
  Scenario: paused: a template change makes no ReplicaSet until resumed
    When I run "kubectl apply -f deploy-damo.yaml"
    And the cluster settles
    And I run "kubectl rollout pause deployment myapp-deploy"
    And I run "kubectl set image deployment myapp-deploy myapp=ikubernetes/myapp:v2"
    And 1 minute passes
    And I run "kubectl get rs"
    Then the output shows:
      | NAME                | DESIRED |
      | myapp-deploy-{hash} | 2       |
    When I run "kubectl rollout resume deployment myapp-deploy"
    And the cluster settles
    And I run "kubectl get rs"
    Then the output shows, in any order:
      | NAME                | DESIRED |
      | myapp-deploy-{hash} | 0       |
      | myapp-deploy-{hash} | 2       |

  Scenario: The worked example of rolling.go: 10 replicas, maxSurge 3, maxUnavailable 2, new pods that never become available
    # From the comment in reconcileOldReplicaSets: the new ReplicaSet is created with 3 replicas
    # (10 + 3 surge = 13 in all), the old one is scaled down to 8 (minAvailable = 10 - 2), and the
    # new one up to 5 (13 - 8). Its pods never become available (the image does not exist), so
    # maxScaledDown = 13 - 8 - 5 = 0 and nothing moves again.
    When I run "kubectl apply -f deploy-arithmetic.yaml"
    And the cluster settles
    And I run "kubectl set image deployment worked-example myapp=ikubernetes/myapp:v9"
    And 10 minutes pass
    Then the ReplicaSets of deployment "worked-example" were scaled:
      | v1 | v9 |
      | 10 | -  |
      | 10 | 3  |
      | 8  | 3  |
      | 8  | 5  |
    And during the rollout at least 8 pods were available at every moment
    And at most 13 pods existed at any moment

  @DEP-8
  Scenario: Bad input around rollouts gets kubectl's and the API server's messages and changes nothing
    When I run "kubectl apply -f deploy-damo.yaml"
    And the cluster settles
    Given I note the state of the cluster
    When I run "kubectl apply -f deploy-zero.yaml"
    # v1.32 prints the IntOrString with %#v (its String() method has a pointer receiver); newer
    # API servers print `Invalid value: 0`.
    Then the command fails with:
      """
      The Deployment "stuck" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0
      """
    When I run "kubectl rollout undo deployment myapp-deploy --to-revision=7"
    Then the command fails with "error: unable to find specified revision 7 in history"
    When I run "kubectl rollout status deployment nope"
    Then the command fails with:
      """
      Error from server (NotFound): deployments.apps "nope" not found
      """
    When I run:
      """
      kubectl patch deployment myapp-deploy -p '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}'
      """
    Then the command fails with:
      """
      The Deployment "myapp-deploy" is invalid: 
      * spec.template.metadata.labels: Invalid value: map[string]string{"app":"myapp", "release":"canary"}: `selector` does not match template `labels`
      * spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other", "release":"canary"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable
      """
    And the cluster is unchanged
