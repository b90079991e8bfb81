Feature: Timelines of Deployment rollouts
  What a rollout looked like from moment to moment, pinned down: how many pods were available and
  how many existed at every moment, in which order the old pods went and the new ones came, and
  how the Deployment scaled its ReplicaSets (the rollout arithmetic of pkg/controller/deployment).

  Background:
    Given the tutorial cluster

  Scenario: The default strategy on three replicas replaces one pod at a time and never drops below three available
    When I run "kubectl apply -f myapp-deploy.yaml"
    And the cluster settles
    And I watch "kubectl get pods -w" while I run "kubectl set image deployment myapp-deploy myapp=ikubernetes/myapp:v2"
    And the cluster settles
    Then during the rollout at least 3 pods were available at every moment
    And at most 4 pods existed at any moment
    And pods were replaced one at a time
    And the ReplicaSets of deployment "myapp-deploy" were scaled:
      | v1 | v2 |
      | 3  | -  |
      | 3  | 1  |
      | 2  | 1  |
      | 2  | 2  |
      | 1  | 2  |
      | 1  | 3  |
      | 0  | 3  |
    And the watch shows, in order:
      | NAME                         | READY | STATUS            |
      | myapp-deploy-{hash}-{suffix} | 0/1   | ContainerCreating |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Running           |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Terminating       |
      | myapp-deploy-{hash}-{suffix} | 0/1   | Pending           |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Running           |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Terminating       |

  Scenario: Recreate stops every old pod before it starts the first new one
    When I run "kubectl apply -f myapp-recreate.yaml"
    And the cluster settles
    And I run "kubectl set image deployment myapp-recreate myapp=ikubernetes/myapp:v2"
    And the cluster settles
    Then every pod of the old ReplicaSet was gone before the first pod of the new one was created
    And during the rollout at most 3 pods existed at any moment
    And the ReplicaSets of deployment "myapp-recreate" were scaled:
      | v1 | v2 |
      | 3  | -  |
      | 0  | -  |
      | 0  | 3  |
